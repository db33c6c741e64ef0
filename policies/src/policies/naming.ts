/**
 * Physical names two stacks of one program would share. AWS names queues, topics, buses, rules, tables,
 * functions, roles, log groups, alarms, dashboards, state machines, streams, registries and aliases per account and
 * region (buckets globally): a name the program sets that does not carry the stack's name is the same in
 * `dev-alice` and `dev-bob`, and the second `pulumi up` fails (or, for alarms and dashboards, which AWS's Put APIs
 * overwrite, silently takes over the first stack's). Names left to Pulumi's auto-naming (logical name plus a random
 * suffix) and `namePrefix` inputs (AWS appends a unique suffix) cannot collide.
 */
import type { PolicyResource } from "@pulumi/policy";
import { read } from "../lib/inputs";
import { stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { AWS, describe } from "../lib/types";

/** Account-wide named resource types and the input that holds their physical name. */
const NAMED: Record<string, string> = {
    [AWS.queue]: "name", [AWS.topic]: "name", [AWS.eventBus]: "name", [AWS.eventRule]: "name", [AWS.eventArchive]: "name",
    [AWS.table]: "name", [AWS.lambdaFunction]: "name", [AWS.role]: "name", [AWS.iamPolicy]: "name", [AWS.logGroup]: "name",
    [AWS.metricAlarm]: "name", [AWS.compositeAlarm]: "alarmName", [AWS.dashboard]: "dashboardName",
    [AWS.stateMachine]: "name", [AWS.firehose]: "name", "aws:schemas/registry:Registry": "name", [AWS.kmsAlias]: "name",
    [AWS.buckets[0]]: "bucket", [AWS.buckets[1]]: "bucket", [AWS.schedule]: "name",
};

/** The stack name in a URN: urn:pulumi:<stack>::<project>::<type>::<name>. */
export function stackOf(resource: PolicyResource): string | undefined {
    return /^urn:pulumi:([^:]+)::/.exec(resource.urn)?.[1];
}

/** Pulumi's auto-name: the logical name, a dash and 7 hex digits (plus .fifo for FIFO queues). */
function isAutoName(resource: PolicyResource, name: string): boolean {
    return new RegExp(`^${resource.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-[0-9a-f]{7}(\\.fifo)?$`).test(name);
}

export const physicalNamesPerStack = stackPolicy({
    name: "physical-names-per-stack",
    summary: "Physical names the program sets (queues, topics, alarms, dashboards, tables, functions, roles, log groups...) "
        + "include the stack name, or are left to auto-naming / namePrefix, so two stacks of one program in one account "
        + "do not collide (advisory).",
    enforcementLevel: "advisory",
    severity: "medium",
    equivalents: {},
    validate(stack, _config, report) {
        for (const resource of stack.resources) {
            const input = NAMED[resource.type];
            const stackName = stackOf(resource);
            const name = input ? read(resource.props, input) : undefined;
            if (typeof name !== "string" || !stackName || isAutoName(resource, name)) {
                continue;
            }
            if (!name.toLowerCase().includes(stackName.toLowerCase())) {
                report(`${describe(resource)} is named ${JSON.stringify(name)} (${input}), which does not contain the stack name `
                    + `"${stackName}": a second stack of this program in the same account would use the same name. Put the `
                    + "stack name in it, or leave it to auto-naming.", resource);
            }
        }
    },
});

export const namingPolicies: EdpPolicy[] = [physicalNamesPerStack];
