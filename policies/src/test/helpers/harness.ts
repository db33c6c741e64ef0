/**
 * Runs one policy object directly, the way pulumi-policy's own tests do: ResourceValidationArgs and
 * StackValidationArgs built by hand, no PolicyPack (whose constructor starts a gRPC server). Props go through
 * CrossGuard's unknown-checking proxy, as under `pulumi preview`.
 */
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { toPolicyResources, type Graph } from "../../check/graph";
import { withDefaults, type EdpPolicy } from "../../lib/policy-kit";
import { GraphBuilder } from "./graph-builder";

export interface Reported {
    message: string;
    /** Logical name of the resource the violation was reported on (stack policies), if any. */
    resource?: string;
}

function configFor(policy: EdpPolicy, config: Record<string, unknown>) {
    // What the CLI passes: the schema's defaults overlaid with the given config.
    return <T extends object>() => withDefaults<T>(policy.configSchema, config);
}

/** Runs a resource policy on one resource; returns the messages it reported. */
export async function runOnResource(policy: EdpPolicy, resource: PolicyResource,
                                    config: Record<string, unknown> = {}): Promise<string[]> {
    const messages: string[] = [];
    const args: ResourceValidationArgs = {
        type: resource.type, props: resource.props, urn: resource.urn, name: resource.name, opts: resource.opts,
        stackTags: new Map(), isType: () => false, asType: () => undefined,
        getConfig: configFor(policy, config), notApplicable: (reason?: string) => { throw new Error(`not applicable: ${reason}`); },
    };
    for (const validate of [(policy as ResourceValidationPolicy).validateResource ?? []].flat()) {
        await validate(args, (message) => messages.push(message));
    }
    return messages;
}

/** Runs a stack policy over resources; returns what it reported, with the logical name of the resource named. */
export async function runOnStack(policy: EdpPolicy, resources: PolicyResource[],
                                 config: Record<string, unknown> = {}): Promise<Reported[]> {
    const reported: Reported[] = [];
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    await (policy as StackValidationPolicy).validateStack({
        resources, stackTags: new Map(), getConfig: configFor(policy, config),
        notApplicable: (reason?: string) => { throw new Error(`not applicable: ${reason}`); },
    }, (message, urn) => reported.push({ message, resource: urn ? byUrn.get(urn)?.name ?? `?${urn}` : undefined }));
    return reported;
}

/** Runs either kind of policy over every resource of a graph. */
export async function runOnGraph(policy: EdpPolicy, graph: Graph | GraphBuilder,
                                 config: Record<string, unknown> = {}): Promise<Reported[]> {
    const resources = toPolicyResources(graph instanceof GraphBuilder ? graph.build() : graph);
    if ("validateStack" in policy) {
        return runOnStack(policy, resources, config);
    }
    const reported: Reported[] = [];
    for (const r of resources) {
        for (const message of await runOnResource(policy, r, config)) {
            reported.push({ message, resource: r.name });
        }
    }
    return reported;
}

/** A single resource (no links), for resource policies. */
export function single(type: string, inputs: Record<string, unknown>, name = "subject"): PolicyResource {
    const g = new GraphBuilder("test");
    g.add(type, name, inputs);
    return toPolicyResources(g.build())[0];
}
