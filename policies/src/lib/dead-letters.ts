/**
 * Which queues of a stack are dead-letter queues, and which queues have a redrive policy. A queue is a DLQ when
 * anything dead-letters into it: another queue's redrive policy (inline or as an aws:sqs/redrivePolicy resource),
 * an EventBridge target's or bus's dead-letter config, an SNS subscription's redrive policy, a Lambda function's
 * dead-letter config, or the on-failure destination of an event source mapping or async invoke config. A queue
 * whose redriveAllowPolicy lets other queues use it (allowAll / byQueue) is declared a DLQ by its author, for
 * sources that live in another stack (on the queue, or by an aws:sqs/redriveAllowPolicy resource).
 */
import type { PolicyResource } from "@pulumi/policy";
import { read, parseJsonInput, UNKNOWN } from "./inputs";
import { StackGraph } from "./stack-graph";
import { AWS } from "./types";

/** A place where a dead-letter target is named: the resource type, its input, and how to get the ARN from it. */
interface DeadLetterSource {
    type: string;
    input: string;
    arnOf(resource: PolicyResource): unknown;
}

/** The deadLetterTargetArn inside a redrive policy document (a JSON string input). */
export function deadLetterTargetArn(redrivePolicy: unknown): unknown {
    const parsed = parseJsonInput(redrivePolicy);
    if (!parsed.ok) {
        return parsed.unknown ? UNKNOWN : undefined;
    }
    return (parsed.value as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
}

const SOURCES: DeadLetterSource[] = [
    { type: AWS.queue, input: "redrivePolicy", arnOf: (r) => deadLetterTargetArn(read(r.props, "redrivePolicy")) },
    { type: AWS.queueRedrivePolicy, input: "redrivePolicy", arnOf: (r) => deadLetterTargetArn(read(r.props, "redrivePolicy")) },
    { type: AWS.topicSubscription, input: "redrivePolicy", arnOf: (r) => deadLetterTargetArn(read(r.props, "redrivePolicy")) },
    { type: AWS.eventTarget, input: "deadLetterConfig", arnOf: (r) => read(r.props, "deadLetterConfig", "arn") },
    { type: AWS.eventBus, input: "deadLetterConfig", arnOf: (r) => read(r.props, "deadLetterConfig", "arn") },
    { type: AWS.lambdaFunction, input: "deadLetterConfig", arnOf: (r) => read(r.props, "deadLetterConfig", "targetArn") },
    { type: AWS.eventSourceMapping, input: "destinationConfig", arnOf: (r) => read(r.props, "destinationConfig", "onFailure", "destinationArn") },
    { type: AWS.functionEventInvokeConfig, input: "destinationConfig", arnOf: (r) => read(r.props, "destinationConfig", "onFailure", "destination") },
];

/**
 * redriveAllowPolicy = {"redrivePermission": "allowAll" | "denyAll" | "byQueue", ...}, on the queue itself or
 * set by an aws:sqs/redriveAllowPolicy resource whose queueUrl is the queue.
 */
function declaresItselfDeadLetterQueue(stack: StackGraph, queue: PolicyResource): boolean {
    const documents = [read(queue.props, "redriveAllowPolicy"), ...stack.referrersOf(queue, [AWS.queueRedriveAllowPolicy], "queueUrl")
        .map((r) => read(r.props, "redriveAllowPolicy"))];
    return documents.some((document) => {
        const parsed = parseJsonInput(document);
        const permission = parsed.ok ? (parsed.value as { redrivePermission?: unknown }).redrivePermission : undefined;
        return permission === "allowAll" || permission === "byQueue";
    });
}

/** Every DLQ of the stack → the resources that dead-letter into it (empty when only self-declared). */
export function deadLetterQueues(stack: StackGraph): Map<PolicyResource, PolicyResource[]> {
    const result = new Map<PolicyResource, PolicyResource[]>();
    for (const source of SOURCES) {
        for (const from of stack.ofType(source.type)) {
            for (const dlq of stack.referencedBy(from, source.input, [AWS.queue], [source.arnOf(from)])) {
                result.set(dlq, [...(result.get(dlq) ?? []), from]);
            }
        }
    }
    for (const queue of stack.ofType(AWS.queue)) {
        if (!result.has(queue) && declaresItselfDeadLetterQueue(stack, queue)) {
            result.set(queue, []);
        }
    }
    return result;
}

/**
 * The redrive policy documents that apply to a queue: its own `redrivePolicy` input, and those of any
 * aws:sqs/redrivePolicy:RedrivePolicy resource whose `queueUrl` is this queue.
 */
export function redrivePoliciesOf(stack: StackGraph, queue: PolicyResource): { value: unknown; holder: PolicyResource }[] {
    const policies: { value: unknown; holder: PolicyResource }[] = [];
    const inline = read(queue.props, "redrivePolicy");
    if (inline !== undefined && inline !== null && inline !== "") {
        policies.push({ value: inline, holder: queue });
    }
    for (const resource of stack.referrersOf(queue, [AWS.queueRedrivePolicy], "queueUrl")) {
        policies.push({ value: read(resource.props, "redrivePolicy"), holder: resource });
    }
    return policies;
}
