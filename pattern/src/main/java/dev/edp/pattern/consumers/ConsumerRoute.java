package dev.edp.pattern.consumers;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.bus.EventRoutes;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.QueueSettings;
import dev.edp.pattern.queues.EncryptedQueue;
import dev.edp.pattern.queues.EncryptedQueue.QueueShape;

import java.util.List;

/**
 * What every consumer kind starts with: its dead-letter queue and its rule on the bus (its event pattern, or its
 * file source's), and the target that delivers with the consumer's retry policy, input shaping and DLQ.
 */
record ConsumerRoute(ConsumerSettings consumer, Queue deadLetterQueue, EventRule rule) {

    /**
     * The route's DLQ is always a standard queue: an EventBridge target's dead-letter queue must be one (EventBridge
     * User Guide, "Using dead-letter queues to process undelivered events"; PutTargets rejects a FIFO one). A FIFO
     * queue consumer names it {@code <name>-delivery-dlq} beside its FIFO redrive DLQ.
     */
    static ConsumerRoute open(PatternContext ctx, ConsumerSettings c, SharedResources shared) {
        Output<String> keyArn = shared.key().arn();
        Queue dlq = EncryptedQueue.create(ctx, ctx.name(c.name(), c.fifo() ? "delivery-dlq" : "dlq"), keyArn,
                QueueShape.deadLetter(c.queue().dlqRetentionSeconds(), false));
        Output<String> pattern = c.fileSource().map(shared::fileSourcePattern)
                .orElseGet(() -> Output.of(c.eventPattern().orElseThrow()));
        EventRule rule = EventRoutes.rule(ctx, ctx.name(c.name(), "rule"), shared.bus().name(), pattern,
                "Routes events to the " + c.name() + " consumer (" + c.kind().id() + ")");
        return new ConsumerRoute(c, dlq, rule);
    }

    /** The rule's target: {@code targetArn}, as {@code roleArn} (null: by resource policy), undeliverable → DLQ. */
    EventTarget target(PatternContext ctx, SharedResources shared, Output<String> targetArn, Output<String> roleArn,
                       String messageGroupId) {
        QueueSettings q = consumer.queue();
        var delivery = EventRoutes.Delivery.to(targetArn, deadLetterQueue.arn(), q.targetRetryAttempts(),
                        q.targetMaxEventAgeSeconds())
                .shaped(consumer.inputPath().orElse(null), consumer.inputTransformer().orElse(null));
        if (roleArn != null) {
            delivery = delivery.as(roleArn);
        }
        if (messageGroupId != null) {
            delivery = delivery.inGroup(messageGroupId);
        }
        return EventRoutes.target(ctx, ctx.name(consumer.name(), "target"), rule, shared.bus().name(), delivery);
    }

    /** The DLQ admits the consumer's rule (and its replay rule, {@link ReplayRoute}), nobody without TLS. */
    void admitRuleToDeadLetterQueue(PatternContext ctx) {
        EncryptedQueue.allowRules(ctx, ctx.name(consumer.name(), consumer.fifo() ? "delivery-dlq-policy" : "dlq-policy"),
                deadLetterQueue, senders());
    }

    /** The consumer's rule, and the rule {@code ./edp replay --pattern} creates for the time of a replay. */
    List<Output<String>> senders() {
        return List.of(rule.arn(), rule.arn().applyValue(ReplayRoute::ruleArn));
    }
}
