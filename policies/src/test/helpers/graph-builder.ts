/**
 * Builds graph.json documents in the shape `./edp synth` writes, for the tests: resources with URNs, inputs under
 * the provider's wire names, and propertyDependencies naming the resources each input was computed from. Each
 * resource also gets the computed outputs the mocks would give (arn, name, url) so a test can write an input
 * the way a program would ("the queue's arn") without hand-writing ARNs.
 */
import type { Graph, GraphResource } from "../../check/graph";

export interface Ref {
    urn: string;
    type: string;
    name: string;
    arn: string;
    /** Physical name: the explicit `name` input, else the logical name plus a suffix, as Pulumi auto-names. */
    physicalName: string;
    url: string;
}

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** `{ input: [resources] }`: which resources an input's value came from. */
export type Dependencies = Record<string, Ref[]>;

export class GraphBuilder {
    private readonly resources: GraphResource[] = [];

    constructor(readonly stack: string, readonly project = "edp") {}

    add(type: string, name: string, inputs: Record<string, unknown> = {}, dependencies: Dependencies = {}, parent?: Ref): Ref {
        const qualifiedType = parent ? `${parent.type}$${type}` : type;
        const urn = `urn:pulumi:${this.stack}::${this.project}::${qualifiedType}::${name}`;
        if (this.resources.some((r) => r.urn === urn)) {
            throw new Error(`fixture bug: ${urn} added twice`);
        }
        const all = [...new Set(Object.values(dependencies).flat().map((d) => d.urn))];
        this.resources.push({
            urn, type, name,
            parent: parent?.urn ?? null,
            inputs,
            dependencies: all,
            propertyDependencies: Object.fromEntries(Object.entries(dependencies).map(([k, v]) => [k, v.map((d) => d.urn)])),
        });
        const service = type.split(":")[1].split("/")[0];
        const physicalName = typeof inputs.name === "string" ? inputs.name : `${name}-1a2b3c4`;
        return {
            urn, type, name, physicalName,
            arn: `arn:aws:${service}:${REGION}:${ACCOUNT}:${physicalName}`,
            url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physicalName}`,
        };
    }

    build(): Graph {
        return { stack: this.stack, resources: structuredClone(this.resources) };
    }
}

export const FIXTURE_ACCOUNT = ACCOUNT;
