/**
 * Reads graph.json (written by `./edp synth`) and turns it into the PolicyResource objects CrossGuard would build
 * for a stack policy: parent, dependencies and propertyDependencies resolved to resource objects (URNs that name
 * no resource of the graph are dropped, as CrossGuard drops them), and props wrapped in CrossGuard's
 * unknown-checking proxy.
 */
import Ajv from "ajv";
import type { PolicyResource, PolicyResourceOptions } from "@pulumi/policy";
import { unknownCheckingProxy } from "../lib/inputs";
import { UsageError } from "./errors";
import { readJsonFile } from "./json-file";

export interface GraphResource {
    urn: string;
    type: string;
    name: string;
    parent?: string | null;
    inputs?: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

export interface Graph {
    stack?: string;
    resources: GraphResource[];
}

const GRAPH_SCHEMA = {
    type: "object",
    required: ["resources"],
    properties: {
        stack: { type: "string" },
        resources: {
            type: "array",
            items: {
                type: "object",
                required: ["urn", "type", "name"],
                properties: {
                    urn: { type: "string", minLength: 1 },
                    type: { type: "string", minLength: 1 },
                    name: { type: "string" },
                    parent: { type: ["string", "null"] },
                    inputs: { type: "object" },
                    dependencies: { type: "array", items: { type: "string" } },
                    propertyDependencies: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
                },
            },
        },
    },
};

const validateGraph = new Ajv({ allErrors: true }).compile<Graph>(GRAPH_SCHEMA);

export function loadGraph(file: string): Graph {
    const data = readJsonFile(file, "graph");
    if (!validateGraph(data)) {
        const problems = (validateGraph.errors ?? []).slice(0, 5).map((err) => `${err.instancePath || "/"} ${err.message}`);
        throw new UsageError(`graph ${file} is not a graph.json (as ./edp synth writes it): ${problems.join("; ")}`);
    }
    const seen = new Set<string>();
    for (const r of data.resources) {
        if (seen.has(r.urn)) {
            throw new UsageError(`graph ${file} lists resource ${r.urn} twice`);
        }
        seen.add(r.urn);
    }
    return data;
}

/**
 * Pulumi's wire encoding of a secret ({"4dabf...": "1b47...", "value": v}) becomes v, as CrossGuard hands secrets
 * to policies in plain form. Assets and archives (Lambda code) stay as their wire objects: no policy reads them.
 */
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function decodeWireValue(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(decodeWireValue);
    }
    if (value !== null && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SPECIAL_SIG_KEY] === SECRET_SIG) {
            return decodeWireValue(obj.value);
        }
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decodeWireValue(v)]));
    }
    return value;
}

const DEFAULT_OPTIONS: PolicyResourceOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

/** CrossGuard's isType: the class's registered type token equals the resource's. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
    return (resourceClass as { __pulumiType?: string }).__pulumiType === type;
}

export function toPolicyResources(graph: Graph): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const resources = graph.resources.map((r) => {
        const props = unknownCheckingProxy(decodeWireValue(r.inputs ?? {}) as Record<string, unknown>);
        const resource: PolicyResource = {
            type: r.type,
            name: r.name,
            urn: r.urn,
            props,
            opts: { ...DEFAULT_OPTIONS, parent: r.parent ?? undefined },
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(r.type, cls),
            asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
        };
        byUrn.set(r.urn, resource);
        return resource;
    });
    const resolve = (urns: string[] | undefined) =>
        (urns ?? []).map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
    graph.resources.forEach((r, i) => {
        const resource = resources[i];
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) {
            resource.parent = parent;
        }
        resource.dependencies = resolve(r.dependencies);
        for (const [input, urns] of Object.entries(r.propertyDependencies ?? {})) {
            resource.propertyDependencies[input] = resolve(urns);
        }
    });
    return resources;
}
