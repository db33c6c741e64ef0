/**
 * Runs the pack's policy objects over a stack's resources the way CrossGuard's analyzer does (pulumi-policy's
 * server.ts): resource policies once per resource, stack policies once over all of them; a policy's level is the
 * config's, else its own, else the pack's; "disabled" skips it, "remediate" reports as mandatory; a policy that
 * touches a value unknown during preview reports an advisory "can't run" instead of a verdict.
 */
import type {
    EnforcementLevel,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { UnknownValueError } from "../lib/inputs";
import type { EdpPolicy } from "../lib/policy-kit";
import type { PackConfig } from "./config";

export interface Violation {
    policyName: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    /** The resource the violation is about; undefined for a stack-wide violation. */
    resource?: { urn: string; type: string; name: string };
}

class NotApplicable extends Error {}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicable(reason);
}

function levelOf(policy: EdpPolicy, config: PackConfig, packLevel: EnforcementLevel): EnforcementLevel {
    const level = config[policy.name]?.enforcementLevel ?? policy.enforcementLevel ?? packLevel;
    return level === "remediate" ? "mandatory" : level;
}

function isStackPolicy(policy: EdpPolicy): policy is EdpPolicy & StackValidationPolicy {
    return typeof (policy as StackValidationPolicy).validateStack === "function";
}

export async function runPack(policies: EdpPolicy[], resources: PolicyResource[], config: PackConfig,
                              packLevel: EnforcementLevel): Promise<Violation[]> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const violations: Violation[] = [];
    const stackTags = new Map<string, string>();

    for (const policy of policies) {
        const enforcementLevel = levelOf(policy, config, packLevel);
        if (enforcementLevel === "disabled") {
            continue;
        }
        const getConfig = <T extends object>() => ({ ...(config[policy.name]?.properties ?? {}) }) as T;
        const refOf = (urn?: string): Violation["resource"] => {
            if (urn === undefined) {
                return undefined;
            }
            const r = byUrn.get(urn);
            if (!r) {
                throw new Error(`policy ${policy.name} reported a violation on ${urn}, which is not in the graph`);
            }
            return { urn: r.urn, type: r.type, name: r.name };
        };
        const record = (message: string, urn?: string) =>
            violations.push({ policyName: policy.name, enforcementLevel, message, resource: refOf(urn) });
        const guard = async (run: () => Promise<void> | void, urn?: string) => {
            try {
                await run();
            } catch (e) {
                if (e instanceof UnknownValueError) {
                    violations.push({ policyName: policy.name, enforcementLevel: "advisory",
                        message: `can't run policy ${policy.name} during preview: ${e.message}`, resource: refOf(urn) });
                } else if (!(e instanceof NotApplicable)) {
                    const where = urn ? ` on ${urn}` : "";
                    throw new Error(`policy ${policy.name} failed${where}: ${(e as Error).stack ?? e}`);
                }
            }
        };

        if (isStackPolicy(policy)) {
            const args: StackValidationArgs = { resources, stackTags, getConfig, notApplicable: throwNotApplicable };
            await guard(() => policy.validateStack(args, record));
            continue;
        }
        const validations = [(policy as ResourceValidationPolicy).validateResource ?? []].flat();
        for (const resource of resources) {
            const args: ResourceValidationArgs = {
                type: resource.type,
                props: resource.props,
                urn: resource.urn,
                name: resource.name,
                opts: resource.opts,
                stackTags,
                isType: resource.isType,
                asType: resource.asType as ResourceValidationArgs["asType"],
                getConfig,
                notApplicable: throwNotApplicable,
            };
            // A resource policy's violation is always about the resource under validation.
            const report = (message: string) => record(message, resource.urn);
            for (const validate of validations) {
                await guard(() => validate(args, report), resource.urn);
            }
        }
    }
    return violations;
}
