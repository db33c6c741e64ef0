package dev.edp.pattern.consumers;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.alarms.Monitored;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.Kind;
import dev.edp.pattern.functions.PatternFunction;

import java.util.List;
import java.util.Optional;

/**
 * One consumer, whatever its kind: its rule and target, its dead-letter queue (what could not be delivered or
 * processed; for a FIFO queue consumer two: its FIFO redrive DLQ and a standard one for what EventBridge could not
 * deliver, since an EventBridge target's DLQ must be a standard queue), and what it delivers to: a queue and function, a function, a state machine (with its tasks), a
 * topic, or another bus. Built by the kind's own class ({@link QueueConsumer}, {@link FunctionConsumer},
 * {@link WorkflowConsumer}, {@link TopicConsumer}, {@link BusConsumer}).
 */
public record Consumer(String name, ConsumerSettings settings, EventRule rule, EventTarget target,
                       Queue deadLetterQueue, Queue deliveryDeadLetterQueue, Optional<Queue> queue,
                       Optional<QueuePolicy> queuePolicy, Optional<PatternFunction> function,
                       Optional<Output<String>> stateMachineArn, List<PatternFunction> tasks,
                       Optional<Output<String>> topicArn) {

    /** True when the consumer has a separate (standard) queue for undeliverable events: FIFO consumers. */
    public boolean hasSeparateDeliveryDeadLetterQueue() {
        return deliveryDeadLetterQueue != deadLetterQueue;
    }

    public static Consumer create(PatternContext ctx, ConsumerSettings c, SharedResources shared) {
        return switch (c.kind()) {
            case QUEUE -> QueueConsumer.create(ctx, c, shared);
            case FUNCTION -> FunctionConsumer.create(ctx, c, shared);
            case WORKFLOW -> WorkflowConsumer.create(ctx, c, shared);
            case TOPIC -> TopicConsumer.create(ctx, c, shared);
            case BUS -> BusConsumer.create(ctx, c, shared);
        };
    }

    public Kind kind() {
        return settings.kind();
    }

    /** What the alarms and the dashboard watch for this consumer, with its own thresholds. */
    public void watch(Monitored watched, Output<String> busName) {
        var thresholds = settings.alarms();
        watched.rule(name, rule.name(), busName, thresholds);
        function.ifPresent(f -> watched.function(name, f.function().name(), thresholds));
        queue.ifPresent(q -> watched.queue(name + "-queue", q.name(), thresholds));
        watched.deadLetterQueue(name + "-dlq", deadLetterQueue.name(), thresholds);
        if (hasSeparateDeliveryDeadLetterQueue()) {
            watched.deadLetterQueue(name + "-delivery-dlq", deliveryDeadLetterQueue.name(), thresholds);
        }
        stateMachineArn.ifPresent(arn -> watched.stateMachine(name, arn, thresholds));
        tasks.forEach(t -> watched.function(t.purpose(), t.function().name(), thresholds));
    }
}
