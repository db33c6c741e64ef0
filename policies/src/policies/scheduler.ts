/**
 * EventBridge Scheduler schedules (issue 14's schedules source): who runs them, with what, and where a failed
 * invocation goes. The access along the schedule's edges (the target's action and key, the DLQ's) is judged by
 * access-along-edges; these rules judge the schedule's execution role itself and its dead-letter queue.
 *
 * AWS's pages: "Set up the execution role" (the trust policy names scheduler.amazonaws.com, scoped with
 * aws:SourceAccount; the permission policy allows the target's API on the target:
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role) and
 * "Configuring a schedule's dead-letter queue" (an SQS standard queue, not FIFO, written with the execution role:
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).
 */
import type { PolicyResource } from "@pulumi/policy";
import { AccessGraph, identityOf, SCHEDULER_TARGET_ACTIONS } from "../lib/access-graph";
import { parsePolicyDocument, type Statement } from "../lib/iam-documents";
import { isSet, read, UNKNOWN } from "../lib/inputs";
import { stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { scopingKeys } from "../lib/principal-scope";
import type { StackGraph } from "../lib/stack-graph";
import { AWS, describe } from "../lib/types";

const SCHEDULER = "scheduler.amazonaws.com";

/** The schedules with a known target, each with its execution role resource (when it is in the graph). */
function schedules(stack: StackGraph): { schedule: PolicyResource; target: unknown; role?: PolicyResource }[] {
    return stack.ofType(AWS.schedule).flatMap((schedule) => {
        const target = read(schedule.props, "target");
        if (!target || target === UNKNOWN) {
            return [];
        }
        const [role] = stack.referencedBy(schedule, "target", [AWS.role], [read(target, "roleArn")]);
        return [{ schedule, target, role }];
    });
}

function trusts(statement: Statement, service: string): boolean {
    return statement.effect === "Allow" && statement.principal !== undefined && statement.principal !== "*"
        && (statement.principal.Service ?? []).includes(service)
        && statement.actions.some((a) => a === "sts:AssumeRole" || a === "sts:*" || a === "*");
}

export const schedulerRoleTrust = stackPolicy({
    name: "scheduler-role-trust",
    summary: "Each EventBridge Scheduler schedule runs with a role that scheduler.amazonaws.com may assume (sts:AssumeRole), "
        + "only for this account (aws:SourceAccount or aws:SourceArn in the trust policy's condition), as AWS's "
        + "\"Set up the execution role\" shows (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html).",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: {},
    validate(stack, _config, report) {
        for (const { schedule, target, role } of schedules(stack)) {
            if (!isSet(read(target, "roleArn"))) {
                report(`${describe(schedule)} has no target.roleArn: EventBridge Scheduler needs an execution role to call its target.`, schedule);
                continue;
            }
            if (!role) {
                continue; // a role of another stack: its trust is not in this graph
            }
            const parsed = parsePolicyDocument(read(role.props, "assumeRolePolicy"));
            if (!parsed.ok) {
                if (!parsed.unknown) {
                    report(`${describe(role)} (the execution role of ${describe(schedule)}): its assumeRolePolicy ${parsed.error}.`, schedule);
                }
                continue;
            }
            const trusted = parsed.value.filter((s) => trusts(s, SCHEDULER));
            if (trusted.length === 0) {
                report(`${describe(role)}, the execution role of ${describe(schedule)}, does not trust ${SCHEDULER} `
                    + "(no Allow of sts:AssumeRole for that service principal): the schedule could never run.", schedule);
            } else if (!trusted.some((s) => scopingKeys(s).some((k) => k === "aws:sourceaccount" || k === "aws:sourcearn"))) {
                report(`${describe(role)}, the execution role of ${describe(schedule)}, trusts ${SCHEDULER} without `
                    + "aws:SourceAccount (or aws:SourceArn) in its condition: any account's schedules could use it (confused deputy).", schedule);
            }
        }
    },
});

/** The ARNs an action on the target may name: the target and, for a function, its versions and aliases. */
function targetResources(arn: string): string[] {
    return arn.split(":")[2] === "lambda" ? [arn, `${arn.split(":").slice(0, 7).join(":")}`, `${arn.split(":").slice(0, 7).join(":")}:*`] : [arn];
}

export const schedulerRoleLeastPrivilege = stackPolicy({
    name: "scheduler-role-least-privilege",
    summary: "A schedule's execution role allows only what the schedule does: the target's action on the target it names "
        + "(events:PutEvents on the bus, lambda:InvokeFunction on the function, sqs:SendMessage on the queue, "
        + "states:StartExecution on the state machine), sqs:SendMessage on its DLQ, and kms:GenerateDataKey / kms:Decrypt "
        + "for encrypted destinations (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role).",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: {},
    validate(stack, _config, report) {
        const graph = new AccessGraph(stack);
        for (const { schedule, target, role } of schedules(stack)) {
            const arn = read(target, "arn");
            if (!role || typeof arn !== "string") {
                continue;
            }
            const action = SCHEDULER_TARGET_ACTIONS[arn.split(":")[2]];
            const dlq = read(target, "deadLetterConfig", "arn");
            const identity = identityOf(graph, role);
            if (identity.unknown) {
                continue;
            }
            const allowed = (a: string, r: string): boolean =>
                (a === action && targetResources(arn).includes(r))
                || (a === "sqs:SendMessage" && typeof dlq === "string" && r === dlq)
                || ((a === "kms:GenerateDataKey" || a === "kms:Decrypt") && /^arn:aws[a-z-]*:kms:/.test(r));
            for (const statement of identity.statements.filter((s) => s.effect === "Allow")) {
                const extra = statement.actions.flatMap((a) => statement.resources.filter((r) => !allowed(a, r)).map((r) => `${a} on ${r}`));
                if (statement.notActions.length > 0 || statement.notResources.length > 0) {
                    extra.push("a NotAction / NotResource grant");
                }
                if (extra.length > 0) {
                    report(`${describe(role)}, the execution role of ${describe(schedule)} (target ${arn}), allows more than the `
                        + `schedule does: ${extra.join(", ")}${statement.sid ? ` (statement ${statement.sid})` : ""}. Allow only `
                        + `${action ?? "the target's action"} on the target, sqs:SendMessage on the DLQ and the keys' `
                        + "kms:GenerateDataKey / kms:Decrypt.", schedule);
                }
            }
        }
    },
});

export const schedulerDeadLetterQueue = stackPolicy({
    name: "scheduler-dead-letter-queue",
    summary: "Each EventBridge Scheduler schedule has a dead-letter queue (target.deadLetterConfig), an SQS standard queue "
        + "(Scheduler supports no FIFO DLQ), so an invocation that fails after its retries is kept "
        + "(https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: {},
    validate(stack, _config, report) {
        const graph = new AccessGraph(stack);
        for (const { schedule, target } of schedules(stack)) {
            const dlq = read(target, "deadLetterConfig", "arn");
            if (dlq === UNKNOWN) {
                continue;
            }
            if (!isSet(dlq)) {
                report(`${describe(schedule)} has no target.deadLetterConfig: an invocation that fails after its retries is `
                    + "dropped; give it an SQS standard queue.", schedule);
                continue;
            }
            const { target: queue } = graph.refer(schedule, "target", [AWS.queue], dlq);
            const fifo = queue ? read(queue.props, "fifoQueue") === true : typeof dlq === "string" && dlq.endsWith(".fifo");
            if (fifo) {
                report(`${describe(schedule)}'s dead-letter queue ${queue ? describe(queue) : dlq} is a FIFO queue: EventBridge `
                    + "Scheduler delivers dead-letter events only to standard queues.", schedule);
            }
        }
    },
});

export const schedulerPolicies: EdpPolicy[] = [schedulerRoleTrust, schedulerRoleLeastPrivilege, schedulerDeadLetterQueue];
