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
        const physicalName = typeof inputs.name === "string" ? inputs.name : `${name}-1a2b3c4`;
        return {
            urn, type, name, physicalName,
            arn: arnFor(type, physicalName),
            url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physicalName}`,
        };
    }

    build(): Graph {
        return { stack: this.stack, resources: structuredClone(this.resources) };
    }
}

export const FIXTURE_ACCOUNT = ACCOUNT;
export const FIXTURE_REGION = REGION;

/** The ARN AWS gives a resource of this type and physical name (the shapes the access rules read). */
function arnFor(type: string, name: string): string {
    const at = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
    switch (type) {
        case "aws:iam/role:Role": return `arn:aws:iam::${ACCOUNT}:role/${name}`;
        case "aws:iam/policy:Policy": return `arn:aws:iam::${ACCOUNT}:policy/${name}`;
        case "aws:s3/bucketV2:BucketV2": case "aws:s3/bucket:Bucket": return `arn:aws:s3:::${name}`;
        case "aws:kms/key:Key": return at("kms", `key/${name}`);
        case "aws:kms/alias:Alias": return at("kms", name);
        case "aws:cloudwatch/eventBus:EventBus": return at("events", `event-bus/${name}`);
        case "aws:cloudwatch/eventRule:EventRule": return at("events", `rule/${name}`);
        case "aws:cloudwatch/eventArchive:EventArchive": return at("events", `archive/${name}`);
        case "aws:sfn/stateMachine:StateMachine": return at("states", `stateMachine:${name}`);
        case "aws:lambda/function:Function": return at("lambda", `function:${name}`);
        case "aws:dynamodb/table:Table": return at("dynamodb", `table/${name}`);
        case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": return at("firehose", `deliverystream/${name}`);
        case "aws:cloudwatch/logGroup:LogGroup": return at("logs", `log-group:${name}`);
        case "aws:cloudwatch/metricAlarm:MetricAlarm": return at("cloudwatch", `alarm:${name}`);
        default: return at(type.split(":")[1].split("/")[0], name);
    }
}
