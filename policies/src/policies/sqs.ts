/** SQS: customer-key encryption, a DLQ for every working queue, TLS-only access, DLQs that keep messages long enough. */
import { customerKeyProblem } from "../lib/customer-keys";
import { deadLetterQueues, redrivePoliciesOf } from "../lib/dead-letters";
import { numberOr, parseJsonInput, read, UNKNOWN } from "../lib/inputs";
import { resourcePolicy, stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { tlsOnlyPolicy } from "../lib/tls-only";
import { AWS, describe } from "../lib/types";

/** SQS keeps messages 4 days unless told otherwise. */
const AWS_DEFAULT_RETENTION_SECONDS = 345600;

export const sqsQueueCustomerKey = resourcePolicy({
    name: "sqs-queue-customer-kms-key",
    summary: "SQS queues are encrypted with a customer managed KMS key (kmsMasterKeyId), not SSE-SQS or alias/aws/sqs.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { checkov: ["CKV_AWS_27", "CKV2_AWS_73"], cdkNag: ["AwsSolutions-SQS2"], securityHub: ["SQS.1"] },
    types: [AWS.queue],
    validate(queue, _config, report) {
        const problem = customerKeyProblem(read(queue.props, "kmsMasterKeyId"));
        if (problem) {
            report(`${describe(queue)} is not encrypted with a customer managed KMS key (${problem}): set kmsMasterKeyId `
                + "to a key of this stack (SSE-SQS and alias/aws/sqs cannot be access-controlled or audited per queue).");
        }
    },
});

interface RedriveConfig { minMaxReceiveCount: number; maxMaxReceiveCount: number }

export const sqsQueueHasDeadLetterQueue = stackPolicy<RedriveConfig>({
    name: "sqs-queue-has-dlq",
    summary: "Every SQS queue that is not itself a dead-letter queue has a redrive policy to a DLQ, with maxReceiveCount "
        + "within bounds (so a poison message is set aside after a few tries instead of being retried until it expires).",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { cdkNag: ["AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy"] },
    config: {
        minMaxReceiveCount: { type: "integer", minimum: 1, default: 1, description: "Lowest allowed maxReceiveCount." },
        maxMaxReceiveCount: { type: "integer", minimum: 1, default: 10, description: "Highest allowed maxReceiveCount." },
    },
    validate(stack, config, report) {
        const dlqs = deadLetterQueues(stack);
        for (const queue of stack.ofType(AWS.queue)) {
            if (dlqs.has(queue)) {
                continue;
            }
            const policies = redrivePoliciesOf(stack, queue);
            if (policies.length === 0) {
                report(`${describe(queue)} has no dead-letter queue: set redrivePolicy `
                    + `{"deadLetterTargetArn": <DLQ arn>, "maxReceiveCount": ${config.minMaxReceiveCount}..${config.maxMaxReceiveCount}}.`, queue);
                continue;
            }
            for (const { value, holder } of policies) {
                const parsed = parseJsonInput(value);
                if (!parsed.ok) {
                    if (!parsed.unknown) {
                        report(`${describe(holder)}: its redrivePolicy ${parsed.error}.`, holder);
                    }
                    continue;
                }
                const doc = parsed.value as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
                if (doc.deadLetterTargetArn === undefined || doc.deadLetterTargetArn === "") {
                    report(`${describe(holder)}: its redrivePolicy has no deadLetterTargetArn; point it at the DLQ's arn.`, holder);
                }
                const count = numberOr(doc.maxReceiveCount, NaN);
                if (count !== UNKNOWN && !(count >= config.minMaxReceiveCount && count <= config.maxMaxReceiveCount)) {
                    report(`${describe(holder)}: its redrivePolicy maxReceiveCount is ${JSON.stringify(doc.maxReceiveCount)}; `
                        + `set it between ${config.minMaxReceiveCount} and ${config.maxMaxReceiveCount}.`, holder);
                }
            }
        }
    },
});

export const sqsQueueTlsOnly = tlsOnlyPolicy({
    name: "sqs-queue-tls-only",
    summary: "Every SQS queue has a queue policy that denies all SQS actions over plain HTTP (aws:SecureTransport false).",
    severity: "medium",
    equivalents: { cdkNag: ["AwsSolutions-SQS4"] },
    targetTypes: [AWS.queue],
    target: { requiredActions: ["sqs:*"], inlineInput: "policy", attachmentTypes: [AWS.queuePolicy], linkInput: "queueUrl" },
});

interface DlqRetentionConfig { minRetentionSeconds: number }

export const sqsDeadLetterQueueRetention = stackPolicy<DlqRetentionConfig>({
    name: "sqs-dlq-retention",
    summary: "Dead-letter queues keep messages at least 4 days (messageRetentionSeconds; AWS's default is exactly 4 days), "
        + "so a failure over a long weekend can still be inspected and redriven.",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: {},
    config: {
        minRetentionSeconds: {
            type: "integer", minimum: 60, maximum: 1209600, default: AWS_DEFAULT_RETENTION_SECONDS,
            description: "Shortest allowed messageRetentionSeconds of a DLQ (SQS allows at most 1209600, 14 days).",
        },
    },
    validate(stack, config, report) {
        for (const dlq of deadLetterQueues(stack).keys()) {
            const retention = numberOr(read(dlq.props, "messageRetentionSeconds"), AWS_DEFAULT_RETENTION_SECONDS);
            if (retention !== UNKNOWN && retention < config.minRetentionSeconds) {
                report(`${describe(dlq)} is a dead-letter queue that keeps messages only ${retention} s: set `
                    + `messageRetentionSeconds to at least ${config.minRetentionSeconds} (1209600, 14 days, is the maximum).`, dlq);
            }
        }
    },
});

export const sqsPolicies: EdpPolicy[] = [sqsQueueCustomerKey, sqsQueueHasDeadLetterQueue, sqsQueueTlsOnly, sqsDeadLetterQueueRetention];
