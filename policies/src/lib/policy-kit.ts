/**
 * The shape every EDP policy is written in, and the two builders that turn it into a CrossGuard policy object.
 * One definition gives: the CrossGuard ResourceValidationPolicy / StackValidationPolicy (what `pulumi preview
 * --policy-pack` runs), its config schema with defaults (what `--policy-pack-config` and `./edp check --config`
 * validate against), and the description naming the equivalent checkov / cdk-nag rules.
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { StackGraph } from "./stack-graph";

/** Rules of other tools that check the same thing, named in the description and the README. */
export interface Equivalents {
    checkov?: string[];
    cdkNag?: string[];
    /** AWS Security Hub (CSPM) control ids, e.g. "SQS.1" (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-controls-reference.html). */
    securityHub?: string[];
}

interface CommonRule {
    /** kebab-case, `<service>-<what>`; unique in the pack; the key of this policy in the config file. */
    name: string;
    /** One sentence: what a compliant stack has. */
    summary: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    equivalents: Equivalents;
    /** The policy's own config keys, each with a default and a description (JSON Schema, as CrossGuard takes it). */
    config?: Record<string, PolicyConfigJSONSchema>;
}

export interface ResourceRule<C> extends CommonRule {
    /** Type tokens this rule applies to. */
    types: readonly string[];
    validate(resource: ResourceValidationArgs, config: C, report: (message: string) => void): void;
}

export interface StackRule<C> extends CommonRule {
    /** `report(message, resource)` names the offending resource so CrossGuard attaches the violation to its URN. */
    validate(stack: StackGraph, config: C, report: (message: string, resource?: PolicyResource) => void): void;
}

/** The pack's policies carry their rule metadata, so the README test and the runner can read it. */
export type EdpPolicy = (ResourceValidationPolicy | StackValidationPolicy) & { equivalents: Equivalents };

export function describeEquivalents(eq: Equivalents): string {
    const parts: string[] = [];
    if (eq.checkov?.length) {
        parts.push(`checkov ${eq.checkov.join(", ")}`);
    }
    if (eq.cdkNag?.length) {
        parts.push(`cdk-nag ${eq.cdkNag.join(", ")}`);
    }
    if (eq.securityHub?.length) {
        parts.push(`AWS Security Hub ${eq.securityHub.join(", ")}`);
    }
    return parts.length ? `Equivalent: ${parts.join("; ")}.` : "No checkov, cdk-nag or Security Hub equivalent.";
}

function configSchema(rule: CommonRule): PolicyConfigSchema | undefined {
    return rule.config ? { properties: rule.config } : undefined;
}

/** The schema's defaults, overlaid with the config CrossGuard (or the offline runner) passes in. */
export function withDefaults<C>(schema: PolicyConfigSchema | undefined, given: object): C {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if (typeof property === "object" && property.default !== undefined) {
            defaults[key] = property.default;
        }
    }
    return { ...defaults, ...given } as C;
}

function common(rule: CommonRule) {
    return {
        name: rule.name,
        description: `${rule.summary} ${describeEquivalents(rule.equivalents)}`,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        configSchema: configSchema(rule),
        equivalents: rule.equivalents,
    };
}

export function resourcePolicy<C extends object = Record<string, never>>(rule: ResourceRule<C>): EdpPolicy {
    const base = common(rule);
    return {
        ...base,
        validateResource: (args, reportViolation) => {
            if (!rule.types.includes(args.type)) {
                return;
            }
            const config = withDefaults<C>(base.configSchema, args.getConfig<object>());
            rule.validate(args, config, (message) => reportViolation(message));
        },
    };
}

export function stackPolicy<C extends object = Record<string, never>>(rule: StackRule<C>): EdpPolicy {
    const base = common(rule);
    return {
        ...base,
        validateStack: (args, reportViolation) => {
            const config = withDefaults<C>(base.configSchema, args.getConfig<object>());
            rule.validate(new StackGraph(args.resources), config, (message, resource) =>
                reportViolation(message, resource?.urn));
        },
    };
}
