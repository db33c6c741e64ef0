// The inputs the provider's Construct round-trip test sends (provider/src/test/resources/construct/) are what a
// TypeScript program may pass: tsc checks them against the generated SDK's EventDrivenPatternArgs.
import * as edp from "@edp-dev/edp";
import inputs from "../../../provider/src/test/resources/construct/typescript-inputs.json";

export const args: edp.EventDrivenPatternArgs = inputs;
