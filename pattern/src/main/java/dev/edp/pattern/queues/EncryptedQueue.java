package dev.edp.pattern.queues;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.aws.sqs.RedriveAllowPolicy;
import com.pulumi.aws.sqs.RedriveAllowPolicyArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * SQS queues as the pattern makes them: SSE with the pattern key, and a queue policy that lets exactly the given
 * EventBridge rules send and denies every request without TLS.
 */
public final class EncryptedQueue {

    /** SQS caches the data key this long before asking KMS again: fewer KMS calls, same protection. */
    static final int KMS_DATA_KEY_REUSE_SECONDS = 300;

    private EncryptedQueue() {
    }

    /** A queue; {@code deadLetterArn} non-null adds a redrive policy with {@code maxReceiveCount}. */
    public static Queue create(PatternContext ctx, String logicalName, Output<String> keyArn, QueueShape shape) {
        var args = QueueArgs.builder()
                .kmsMasterKeyId(keyArn)
                .kmsDataKeyReusePeriodSeconds(KMS_DATA_KEY_REUSE_SECONDS)
                .messageRetentionSeconds(shape.retentionSeconds())
                .visibilityTimeoutSeconds(shape.visibilityTimeoutSeconds())
                // Long polling: fewer empty receives, lower cost.
                .receiveWaitTimeSeconds(20)
                .tags(ctx.tags());
        if (shape.fifo()) {
            // No explicit name: Pulumi's auto-name (logical name + random suffix) is unique per stack, and
            // pulumi-aws appends the ".fifo" SQS requires when fifoQueue is set.
            args.fifoQueue(true);
            if (shape.deadLetterArn() != null) {
                // EventBridge sets no deduplication id on what it sends to a FIFO queue: SQS must derive one from
                // the body (an event's id is in its body, so a retried delivery of one event is dropped, two
                // events never are). SQS Developer Guide, "Using the message deduplication ID"
                // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html).
                args.contentBasedDeduplication(true);
            }
        }
        if (shape.deadLetterArn() != null) {
            args.redrivePolicy(shape.deadLetterArn().applyValue(arn -> redrivePolicy(arn, shape.maxReceiveCount())));
        }
        return new Queue(logicalName, args.build(), ctx.options());
    }

    /** {@code {"deadLetterTargetArn": arn, "maxReceiveCount": n}}: the JSON SQS expects. */
    public static String redrivePolicy(String deadLetterArn, int maxReceiveCount) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("deadLetterTargetArn", deadLetterArn);
        node.put("maxReceiveCount", maxReceiveCount);
        return node.toString();
    }

    /** Only {@code sourceQueues} may use {@code dlq} as their dead-letter queue. */
    public static RedriveAllowPolicy allowRedriveFrom(PatternContext ctx, String logicalName, Queue dlq,
                                                      List<Output<String>> sourceQueueArns) {
        return new RedriveAllowPolicy(logicalName, RedriveAllowPolicyArgs.builder()
                .queueUrl(dlq.url())
                .redriveAllowPolicy(Output.all(sourceQueueArns).applyValue(arns -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    node.put("redrivePermission", "byQueue");
                    var list = node.putArray("sourceQueueArns");
                    arns.forEach(list::add);
                    return node.toString();
                }))
                .build(), ctx.options());
    }

    /** The queue's policy: EventBridge may send from exactly these rules; nobody may use the queue without TLS. */
    public static QueuePolicy allowRules(PatternContext ctx, String logicalName, Queue queue,
                                         List<Output<String>> ruleArns) {
        return allowRules(ctx, logicalName, queue, ruleArns, List.of());
    }

    /**
     * The queue's policy: EventBridge may send from exactly these rules, SNS from exactly these topics (SNS Developer
     * Guide, "Subscribing an Amazon SQS queue to an Amazon SNS topic": sqs:SendMessage for sns.amazonaws.com with
     * aws:SourceArn the topic); nobody may use the queue without TLS.
     */
    public static QueuePolicy allowRules(PatternContext ctx, String logicalName, Queue queue,
                                         List<Output<String>> ruleArns, List<Output<String>> topicArns) {
        List<Statement> statements = new ArrayList<>();
        if (!topicArns.isEmpty()) {
            statements.add(Statement.allow("sqs:SendMessage")
                    .sid("PatternTopicsSend")
                    .forService("sns.amazonaws.com")
                    .on(queue.arn())
                    .when("ArnEquals", "aws:SourceArn", topicArns.toArray(Output[]::new)));
        }
        if (!ruleArns.isEmpty()) {
            statements.add(Statement.allow("sqs:SendMessage")
                    .sid("EventBridgeRulesSend")
                    .forService("events.amazonaws.com")
                    .on(queue.arn())
                    .when("ArnEquals", "aws:SourceArn", ruleArns.toArray(Output[]::new)));
        }
        statements.add(Statement.deny("sqs:*")
                .sid("DenyRequestsWithoutTls")
                .forEveryone()
                .on(queue.arn())
                .when("Bool", "aws:SecureTransport", "false"));
        return new QueuePolicy(logicalName, QueuePolicyArgs.builder()
                .queueUrl(queue.url())
                .policy(PolicyDocument.of(statements).toJson())
                .build(), ctx.options());
    }

    /** How one queue is shaped. */
    public record QueueShape(int retentionSeconds, int visibilityTimeoutSeconds, Output<String> deadLetterArn,
                             int maxReceiveCount, boolean fifo) {

        public static QueueShape deadLetter(int retentionSeconds, boolean fifo) {
            return new QueueShape(retentionSeconds, 30, null, 0, fifo);
        }
    }
}
