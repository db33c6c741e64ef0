package dev.edp.pattern.consumers;

import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.lambda.EventSourceMapping;
import com.pulumi.aws.lambda.EventSourceMappingArgs;
import com.pulumi.aws.lambda.inputs.EventSourceMappingScalingConfigArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.core.Output;
import dev.edp.events.FunctionEnvironment;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.FunctionSettings;
import dev.edp.pattern.config.PatternSettings.QueueSettings;
import dev.edp.pattern.functions.PatternFunction;
import dev.edp.pattern.iam.Statement;
import dev.edp.pattern.queues.EncryptedQueue;
import dev.edp.pattern.queues.EncryptedQueue.QueueShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Kind {@code queue}: rule → SQS queue → Lambda function, with a dead-letter queue behind both hops.
 *
 * <p>The consumer's DLQ takes what the function failed {@code maxReceiveCount} times (the queue's redrive policy)
 * and what EventBridge could not deliver to the queue (the target's dead-letter config): both are this consumer's
 * failed events, in the same shape, and redriving them to the queue processes them normally. One place to watch,
 * one alarm, one {@code ./edp dlq redrive}.
 */
final class QueueConsumer {

    private QueueConsumer() {
    }

    static Consumer create(PatternContext ctx, ConsumerSettings c, SharedResources shared) {
        Output<String> keyArn = shared.key().arn();
        QueueSettings q = c.queue();
        FunctionSettings f = c.function().orElseThrow();
        ConsumerRoute route = ConsumerRoute.open(ctx, c, shared);
        // A FIFO queue's redrive DLQ must itself be FIFO (SQS Developer Guide, "Using dead-letter queues"); the
        // route's standard DLQ takes what EventBridge could not deliver.
        Queue dlq = c.fifo()
                ? EncryptedQueue.create(ctx, ctx.name(c.name(), "dlq"), keyArn,
                        QueueShape.deadLetter(q.dlqRetentionSeconds(), true))
                : route.deadLetterQueue();
        Queue queue = EncryptedQueue.create(ctx, ctx.name(c.name(), "queue"), keyArn, new QueueShape(
                q.messageRetentionSeconds(), q.visibilityTimeoutSeconds(), dlq.arn(), q.maxReceiveCount(), c.fifo()));
        EncryptedQueue.allowRedriveFrom(ctx, ctx.name(c.name(), "dlq-redrive-allow"), dlq, List.of(queue.arn()));

        Map<String, Output<String>> environment = new TreeMap<>(shared.environment(c.name(), c.environment()));
        // A handler sends its one error notification on the last delivery before the DLQ: it must know which.
        environment.put(FunctionEnvironment.MAX_RECEIVE_COUNT, Output.of(String.valueOf(q.maxReceiveCount())));
        List<Statement> permissions = new ArrayList<>();
        permissions.add(Statement.allow("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                "sqs:GetQueueAttributes").sid("ConsumeOwnQueue").on(queue.arn()));
        permissions.addAll(shared.statements(c.grants(), c.statements()));
        PatternFunction function = PatternFunction.create(ctx, new PatternFunction.Spec(c.name(), c.description(),
                f, environment, permissions), keyArn);

        EventTarget target = route.target(ctx, shared, queue.arn(), null,
                c.fifo() ? c.messageGroupId().orElseThrow() : null);
        // SNS topics of the pattern that the configuration subscribes to this queue (subscriptions[].endpoint
        // consumer:<name>) send too, each admitted by its topic ARN.
        QueuePolicy queuePolicy = EncryptedQueue.allowRules(ctx, ctx.name(c.name(), "queue-policy"), queue,
                route.senders(), shared.topics().topicsDeliveringTo(ctx, c.name()));
        route.admitRuleToDeadLetterQueue(ctx);
        if (c.fifo()) {
            // The FIFO redrive DLQ receives from its queue only; nobody may use it without TLS.
            EncryptedQueue.allowRules(ctx, ctx.name(c.name(), "dlq-policy"), dlq, List.of());
        }

        var mappingArgs = EventSourceMappingArgs.builder()
                .eventSourceArn(queue.arn())
                .functionName(function.invocationArn())
                .batchSize(q.batchSize())
                // Only the failed records of a batch are retried; the rest are deleted.
                .functionResponseTypes("ReportBatchItemFailures")
                .scalingConfig(EventSourceMappingScalingConfigArgs.builder()
                        .maximumConcurrency(f.maximumConcurrency())
                        .build());
        if (!c.fifo()) {
            // Lambda rejects a batching window on FIFO sources.
            mappingArgs.maximumBatchingWindowInSeconds(q.maximumBatchingWindowSeconds());
        }
        EventSourceMapping mapping = new EventSourceMapping(ctx.name(c.name(), "mapping"), mappingArgs.build(),
                ctx.options(function.function()));
        return new Consumer(c.name(), c, route.rule(), target, dlq, route.deadLetterQueue(), Optional.of(queue),
                Optional.of(queuePolicy), Optional.of(function),
                Optional.empty(), List.of(), Optional.empty());
    }
}
