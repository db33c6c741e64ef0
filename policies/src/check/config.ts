/**
 * The pack's config for `./edp check --config FILE`, in the format of `pulumi preview --policy-pack-config FILE`:
 *   { "all": "advisory",                                   (optional: one level for every policy)
 *     "<policy>": "mandatory" | "advisory" | "remediate" | "disabled",
 *     "<policy>": { "enforcementLevel": "...", "<key>": <value>, ... } }
 * Reconciled the way the Pulumi CLI does (ReconcilePolicyPackConfig): each policy's schema defaults, then the
 * initial config the runner derives (the graph's stack name as the environment), then "all", then the file; the
 * result is validated against each policy's config schema. Unlike the CLI, a key that names no policy is an
 * error here, so a misspelt policy name cannot silently configure nothing.
 */
import Ajv from "ajv";
import type { EnforcementLevel } from "@pulumi/policy";
import type { EdpPolicy } from "../lib/policy-kit";
import { withDefaults } from "../lib/policy-kit";
import { UsageError } from "./errors";
import { readJsonFile } from "./json-file";

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface PolicyConfig {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

export type PackConfig = Record<string, PolicyConfig>;

function parseEntry(source: string, key: string, value: unknown): PolicyConfig {
    if (typeof value === "string") {
        if (!LEVELS.includes(value as EnforcementLevel)) {
            throw new UsageError(`${source}: "${key}": "${value}" is not an enforcement level (${LEVELS.join(", ")})`);
        }
        return { enforcementLevel: value as EnforcementLevel, properties: {} };
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const { enforcementLevel, ...properties } = value as Record<string, unknown>;
        if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel as EnforcementLevel)) {
            throw new UsageError(`${source}: "${key}".enforcementLevel: ${JSON.stringify(enforcementLevel)} is not an enforcement level (${LEVELS.join(", ")})`);
        }
        return { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, properties };
    }
    throw new UsageError(`${source}: "${key}" must be an enforcement level or an object, got ${JSON.stringify(value)}`);
}

/** Parses a config document (already-parsed JSON). `source` names it in errors (the file path). */
export function parseConfig(source: string, data: unknown): PackConfig {
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
        throw new UsageError(`${source} must be a JSON object keyed by policy name`);
    }
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, parseEntry(source, key, value)]));
}

export function loadConfigFile(file: string): PackConfig {
    return parseConfig(file, readJsonFile(file, "config", {}));
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** Defaults ← initial ← "all" ← given; then validated. `source` names the given config in errors. */
export function reconcileConfig(policies: EdpPolicy[], packLevel: EnforcementLevel, initial: PackConfig,
                                given: PackConfig, source: string): PackConfig {
    const names = new Set(policies.map((p) => p.name));
    const unknown = Object.keys(given).filter((k) => k !== "all" && !names.has(k));
    if (unknown.length > 0) {
        throw new UsageError(`${source}: no policy named ${unknown.map((k) => `"${k}"`).join(", ")} in the pack `
            + `(policies: ${[...names].join(", ")})`);
    }
    if (given.all && Object.keys(given.all.properties).length > 0) {
        throw new UsageError(`${source}: "all" takes only an enforcement level`);
    }
    const result: PackConfig = {};
    for (const policy of policies) {
        const layers = [initial[policy.name], given.all, given[policy.name]].filter((c): c is PolicyConfig => c !== undefined);
        const config: PolicyConfig = {
            enforcementLevel: policy.enforcementLevel ?? packLevel,
            properties: withDefaults<Record<string, unknown>>(policy.configSchema, {}),
        };
        for (const layer of layers) {
            config.enforcementLevel = layer.enforcementLevel ?? config.enforcementLevel;
            config.properties = { ...config.properties, ...layer.properties };
        }
        const schema = { type: "object", properties: policy.configSchema?.properties ?? {}, additionalProperties: false,
            required: policy.configSchema?.required ?? [] };
        const validate = ajv.compile(schema);
        if (!validate(config.properties)) {
            const problems = (validate.errors ?? []).map((e) =>
                `${e.instancePath || "(root)"} ${e.message}${e.params && "additionalProperty" in e.params ? ` "${e.params.additionalProperty}"` : ""}`);
            throw new UsageError(`${source}: config of policy "${policy.name}" is invalid: ${problems.join("; ")}`);
        }
        result[policy.name] = config;
    }
    return result;
}
