package dev.edp.pattern.consumers;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.lambda.EventSourceMapping;
import com.pulumi.aws.lambda.EventSourceMappingArgs;
import com.pulumi.aws.lambda.inputs.EventSourceMappingScalingConfigArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.bus.EventRoutes;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.QueueSettings;
import dev.edp.pattern.functions.PatternFunction;
import dev.edp.pattern.iam.Statement;
import dev.edp.pattern.queues.EncryptedQueue;
import dev.edp.pattern.queues.EncryptedQueue.QueueShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One consumer: rule (its event pattern) → SQS queue → Lambda function, with a dead-letter queue behind both hops.
 *
 * <p>A standard consumer's DLQ takes what the function failed {@code maxReceiveCount} times (the queue's redrive
 * policy) and what EventBridge could not deliver to the queue (the target's dead-letter config): both are this
 * consumer's failed events, in the same shape, and redriving them to the queue processes them normally. One place to
 * watch, one alarm, one {@code ./edp dlq redrive}.
 *
 * <p>A FIFO consumer needs two: a FIFO queue's redrive DLQ must itself be FIFO (SQS Developer Guide, "Using
 * dead-letter queues"), while an EventBridge target's dead-letter queue must be a standard queue (EventBridge User
 * Guide, "Using dead-letter queues to process undelivered events",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html: "EventBridge DLQs are standard Amazon
 * SQS queues"; PutTargets rejects a FIFO one). So {@link #deadLetterQueue()} is the FIFO redrive DLQ and
 * {@link #deliveryDeadLetterQueue()} a standard queue for the events EventBridge could not deliver; both alarm.
 */
public record Consumer(String name, ConsumerSettings settings, Queue queue, Queue deadLetterQueue,
                       Queue deliveryDeadLetterQueue, QueuePolicy queuePolicy, PatternFunction function, EventRule rule,
                       EventTarget target, EventSourceMapping mapping) {

    /** True when the consumer has a separate (standard) queue for undeliverable events: FIFO consumers. */
    public boolean hasSeparateDeliveryDeadLetterQueue() {
        return deliveryDeadLetterQueue != deadLetterQueue;
    }

    public static Consumer create(PatternContext ctx, ConsumerSettings c, Output<String> eventPattern,
                                  SharedResources shared) {
        Output<String> keyArn = shared.key().arn();
        QueueSettings q = c.queue();
        Queue dlq = EncryptedQueue.create(ctx, ctx.name(c.name(), "dlq"), keyArn,
                QueueShape.deadLetter(q.dlqRetentionSeconds(), c.fifo()));
        Queue deliveryDlq = c.fifo()
                ? EncryptedQueue.create(ctx, ctx.name(c.name(), "delivery-dlq"), keyArn,
                        QueueShape.deadLetter(q.dlqRetentionSeconds(), false))
                : dlq;
        Queue queue = EncryptedQueue.create(ctx, ctx.name(c.name(), "queue"), keyArn, new QueueShape(
                q.messageRetentionSeconds(), q.visibilityTimeoutSeconds(), dlq.arn(), q.maxReceiveCount(), c.fifo()));
        EncryptedQueue.allowRedriveFrom(ctx, ctx.name(c.name(), "dlq-redrive-allow"), dlq, List.of(queue.arn()));

        Map<String, Output<String>> environment = new TreeMap<>(shared.environment(ctx));
        environment.put("EDP_CONSUMER", Output.of(c.name()));
        // A handler sends its one error notification on the last delivery before the DLQ: it must know which.
        environment.put("EDP_MAX_RECEIVE_COUNT", Output.of(String.valueOf(q.maxReceiveCount())));
        c.environment().forEach((k, v) -> environment.put(k, Output.of(v)));
        List<Statement> permissions = new ArrayList<>();
        permissions.add(Statement.allow("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes").sid("ConsumeOwnQueue").on(queue.arn()));
        permissions.addAll(shared.statements(c.grants()));
        PatternFunction function = PatternFunction.create(ctx, new PatternFunction.Spec(c.name(), c.description(),
                c.handler(), c.function(), environment, permissions), keyArn);

        EventRule rule = EventRoutes.rule(ctx, ctx.name(c.name(), "rule"), shared.bus().name(), eventPattern,
                "Routes events to the " + c.name() + " queue");
        var delivery = EventRoutes.Delivery.to(queue.arn(), deliveryDlq.arn(), q.targetRetryAttempts(),
                q.targetMaxEventAgeSeconds());
        if (c.fifo()) {
            delivery = delivery.inGroup(c.messageGroupId().orElseThrow());
        }
        EventTarget target = EventRoutes.target(ctx, ctx.name(c.name(), "target"), rule, shared.bus().name(), delivery);
        // The consumer's rule, and the rule `./edp replay --pattern` creates for the time of a replay (ReplayRoute).
        List<Output<String>> senders = List.of(rule.arn(), rule.arn().applyValue(ReplayRoute::ruleArn));
        // SNS topics of the pattern that the configuration subscribes to this queue (subscriptions[].endpoint
        // consumer:<name>) send too, each admitted by its topic ARN.
        QueuePolicy queuePolicy = EncryptedQueue.allowRules(ctx, ctx.name(c.name(), "queue-policy"), queue, senders,
                shared.topics().topicsDeliveringTo(ctx, c.name()));
        EncryptedQueue.allowRules(ctx, ctx.name(c.name(), "dlq-policy"), dlq, c.fifo() ? List.of() : senders);
        if (c.fifo()) {
            EncryptedQueue.allowRules(ctx, ctx.name(c.name(), "delivery-dlq-policy"), deliveryDlq, senders);
        }

        var mappingArgs = EventSourceMappingArgs.builder()
                .eventSourceArn(queue.arn())
                .functionName(function.invocationArn())
                .batchSize(q.batchSize())
                // Only the failed records of a batch are retried; the rest are deleted.
                .functionResponseTypes("ReportBatchItemFailures")
                .scalingConfig(EventSourceMappingScalingConfigArgs.builder()
                        .maximumConcurrency(c.function().maximumConcurrency())
                        .build());
        if (!c.fifo()) {
            // Lambda rejects a batching window on FIFO sources.
            mappingArgs.maximumBatchingWindowInSeconds(q.maximumBatchingWindowSeconds());
        }
        EventSourceMapping mapping = new EventSourceMapping(ctx.name(c.name(), "mapping"), mappingArgs.build(),
                ctx.options(function.function()));
        return new Consumer(c.name(), c, queue, dlq, deliveryDlq, queuePolicy, function, rule, target, mapping);
    }
}
