/**
 * Queue semantics AWS enforces (or silently applies) that only the whole graph shows:
 * - Lambda's SQS event source: "set the source queue's visibility timeout to at least the function's timeout"
 *   is a hard rule (CreateEventSourceMapping fails otherwise: "Queue visibility timeout ... is less than Function
 *   timeout"); https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html. The 6x guidance is the
 *   advisory lambda-timeout-within-visibility.
 * - EventBridge dead-letter queues are standard queues ("SQS FIFO is not supported by Dead Letter Queues", PutTargets'
 *   ValidationException; https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html).
 * - A redrive policy's DLQ is of the source's kind: "The dead-letter queue of a FIFO queue must also be a FIFO
 *   queue. Similarly, the dead-letter queue of a standard queue must also be a standard queue"; and for standard
 *   queues "the expiration of a message is always based on its original enqueue timestamp ... always set the
 *   retention period of a dead-letter queue to be longer than the retention period of the original queue"
 *   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
 * - A redrive policy names a queue of the graph (or one the config declares external), so a typo or a deleted DLQ
 *   is not found by the first poison message.
 */
import type { PolicyResource } from "@pulumi/policy";
import { deadLetterTargetArn, redrivePoliciesOf } from "../lib/dead-letters";
import { numberOr, read, UNKNOWN } from "../lib/inputs";
import { stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { StackGraph } from "../lib/stack-graph";
import { AWS, describe } from "../lib/types";

const LAMBDA_DEFAULT_TIMEOUT = 3;
const SQS_DEFAULT_VISIBILITY_TIMEOUT = 30;
const SQS_DEFAULT_RETENTION = 345600;

/** FIFO or standard; undefined when it cannot be told yet (an unknown name with no fifoQueue input). */
export function isFifo(queue: PolicyResource): boolean | undefined {
    const fifo = read(queue.props, "fifoQueue");
    if (fifo === true) {
        return true;
    }
    const name = read(queue.props, "name");
    if (typeof name === "string") {
        return name.endsWith(".fifo");
    }
    return fifo === UNKNOWN || name === UNKNOWN ? undefined : false;
}

/**
 * The functions an event source mapping invokes: its functionName names the function, or an alias (or version) of
 * it, in which case the alias's own functionName leads to the function.
 */
export function functionsOfMapping(stack: StackGraph, mapping: PolicyResource): PolicyResource[] {
    const value = read(mapping.props, "functionName");
    const direct = stack.referencedBy(mapping, "functionName", [AWS.lambdaFunction], [value]);
    const viaAlias = stack.referencedBy(mapping, "functionName", [AWS.lambdaAlias], [value])
        .flatMap((alias) => stack.referencedBy(alias, "functionName", [AWS.lambdaFunction], [read(alias.props, "functionName")]));
    return [...new Set([...direct, ...viaAlias])];
}

export const sqsVisibilityCoversFunctionTimeout = stackPolicy({
    name: "sqs-visibility-covers-function-timeout",
    summary: "For every SQS event source mapping, the queue's visibility timeout is at least the function's timeout "
        + "(Lambda refuses the mapping otherwise; AWS's 6 x guidance is lambda-timeout-within-visibility).",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { cdkNag: ["LambdaEventSourceSQSVisibilityTimeout"] },
    validate(stack, _config, report) {
        for (const mapping of stack.ofType(AWS.eventSourceMapping)) {
            const functions = functionsOfMapping(stack, mapping);
            const queues = stack.referencedBy(mapping, "eventSourceArn", [AWS.queue], [read(mapping.props, "eventSourceArn")]);
            for (const queue of queues) {
                for (const fn of functions) {
                    const timeout = numberOr(read(fn.props, "timeout"), LAMBDA_DEFAULT_TIMEOUT);
                    const visibility = numberOr(read(queue.props, "visibilityTimeoutSeconds"), SQS_DEFAULT_VISIBILITY_TIMEOUT);
                    if (timeout !== UNKNOWN && visibility !== UNKNOWN && visibility < timeout) {
                        report(`${describe(queue)} has visibilityTimeoutSeconds ${visibility}, below the ${timeout} s timeout of `
                            + `${describe(fn)} it feeds (via ${describe(mapping)}): Lambda rejects the mapping; set it to at least `
                            + `${timeout} (6 x, ${timeout * 6}, is AWS's guidance).`, queue);
                    }
                }
            }
        }
    },
});

/** The queues EventBridge dead-letters into: targets' and buses' deadLetterConfig. */
function eventBridgeDeadLetters(stack: StackGraph): { from: PolicyResource; dlq: PolicyResource }[] {
    const out: { from: PolicyResource; dlq: PolicyResource }[] = [];
    for (const from of stack.ofType(AWS.eventTarget, AWS.eventBus)) {
        for (const dlq of stack.referencedBy(from, "deadLetterConfig", [AWS.queue], [read(from.props, "deadLetterConfig", "arn")])) {
            out.push({ from, dlq });
        }
    }
    return out;
}

export const eventbridgeDlqStandardQueue = stackPolicy({
    name: "eventbridge-dlq-standard-queue",
    summary: "EventBridge dead-letter queues (deadLetterConfig of targets and buses) are standard SQS queues: EventBridge "
        + "rejects a FIFO queue there.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: {},
    validate(stack, _config, report) {
        for (const { from, dlq } of eventBridgeDeadLetters(stack)) {
            if (isFifo(dlq) === true) {
                report(`${describe(dlq)} is a FIFO queue used as the EventBridge dead-letter queue of ${describe(from)}: `
                    + "EventBridge accepts only standard queues there (\"SQS FIFO is not supported by Dead Letter Queues\"); "
                    + "give the target a standard queue for undeliverable events.", dlq);
            }
        }
    },
});

interface RedriveTargetConfig { externalDeadLetterQueueArns: string[] }

export const sqsRedriveTarget = stackPolicy<RedriveTargetConfig>({
    name: "sqs-redrive-target",
    summary: "Every redrive policy points at a queue of the graph (or one listed in externalDeadLetterQueueArns) of the "
        + "same kind (FIFO to FIFO, standard to standard), and for standard queues that DLQ keeps messages longer than "
        + "its source (SQS keeps the original enqueue time, so an equal retention leaves a moved message little time).",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: {},
    config: {
        externalDeadLetterQueueArns: {
            type: "array", items: { type: "string" }, default: [],
            description: "DLQ ARNs outside this stack that redrive policies may name (their kind and retention are not checked).",
        },
    },
    validate(stack, config, report) {
        for (const source of stack.ofType(AWS.queue)) {
            for (const { value, holder } of redrivePoliciesOf(stack, source)) {
                const arn = deadLetterTargetArn(value);
                if (arn === UNKNOWN || arn === undefined || arn === "") {
                    continue; // unknown in preview, or missing (sqs-queue-has-dlq reports that)
                }
                const targets = stack.referencedBy(holder, "redrivePolicy", [AWS.queue], [arn]);
                if (targets.length === 0) {
                    if (!(typeof arn === "string" && config.externalDeadLetterQueueArns.includes(arn))) {
                        report(`${describe(holder)}: its redrivePolicy names ${JSON.stringify(arn)}, which is no queue of this stack: `
                            + "point it at the DLQ's arn (or list an external DLQ in externalDeadLetterQueueArns).", holder);
                    }
                    continue;
                }
                for (const dlq of targets) {
                    checkPair(source, dlq, report);
                }
            }
        }
    },
});

function checkPair(source: PolicyResource, dlq: PolicyResource, report: (m: string, r?: PolicyResource) => void): void {
    const sourceFifo = isFifo(source);
    const dlqFifo = isFifo(dlq);
    if (sourceFifo !== undefined && dlqFifo !== undefined && sourceFifo !== dlqFifo) {
        report(`${describe(source)} is a ${sourceFifo ? "FIFO" : "standard"} queue whose DLQ ${describe(dlq)} is `
            + `${dlqFifo ? "FIFO" : "standard"}: SQS requires the DLQ to be of the same kind.`, source);
        return;
    }
    if (sourceFifo === true) {
        return; // a FIFO queue's move resets the enqueue time: retention need not be longer
    }
    const sourceRetention = numberOr(read(source.props, "messageRetentionSeconds"), SQS_DEFAULT_RETENTION);
    const dlqRetention = numberOr(read(dlq.props, "messageRetentionSeconds"), SQS_DEFAULT_RETENTION);
    if (sourceRetention !== UNKNOWN && dlqRetention !== UNKNOWN && dlqRetention <= sourceRetention) {
        report(`${describe(dlq)}, the DLQ of ${describe(source)}, keeps messages ${dlqRetention} s, not longer than its source's `
            + `${sourceRetention} s: SQS counts retention from the original enqueue time, so set the DLQ's messageRetentionSeconds `
            + `above the source's (1209600, 14 days, is the maximum; shorten the source's instead if it is already there).`, dlq);
    }
}

export const queueSemanticsPolicies: EdpPolicy[] = [sqsVisibilityCoversFunctionTimeout, eventbridgeDlqStandardQueue, sqsRedriveTarget];
