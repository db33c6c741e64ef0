/**
 * CrossGuard entry point (package.json "main" → bin/index.js): `pulumi preview --policy-pack policies` loads this
 * module, and the PolicyPack constructor starts the analyzer's gRPC server. Nothing else may import this file
 * (tests and `./edp check` import ./pack instead).
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies } from "./pack";

new PolicyPack(PACK_NAME, {
    policies,
    enforcementLevel: PACK_ENFORCEMENT_LEVEL,
    description: "EDP: security and reliability rules for event-driven AWS stacks.",
});
