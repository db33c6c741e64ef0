package dev.edp.pattern.bus;

import com.pulumi.aws.cloudwatch.EventArchive;
import com.pulumi.aws.cloudwatch.EventArchiveArgs;
import com.pulumi.aws.cloudwatch.EventBus;
import com.pulumi.aws.cloudwatch.EventBusArgs;
import com.pulumi.aws.cloudwatch.EventBusPolicy;
import com.pulumi.aws.cloudwatch.EventBusPolicyArgs;
import com.pulumi.aws.cloudwatch.inputs.EventBusDeadLetterConfigArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.PatternSettings.BusSettings;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;
import dev.edp.pattern.queues.EncryptedQueue;
import dev.edp.pattern.queues.EncryptedQueue.QueueShape;

import java.util.List;
import java.util.Optional;

/**
 * The custom event bus, the policy letting producer accounts put events on it, its archive (for replay), and the
 * shared dead-letter queue of the targets that are not consumers (workflow, audit, default-bus forwarding).
 *
 * <p>The archive is encrypted by EventBridge with an AWS owned key: pulumi-aws 6.83 does not expose the archive's
 * {@code KmsKeyIdentifier}. Events on the bus itself use the pattern key when {@code bus.encryptWithPatternKey} is
 * set (AWS then forbids schema discovery).
 */
public final class EventBusResources {

    private final EventBus bus;
    private final EventArchive archive;
    private final Optional<EventBusPolicy> policy;
    private final Queue eventsDlq;

    private EventBusResources(EventBus bus, EventArchive archive, Optional<EventBusPolicy> policy, Queue eventsDlq) {
        this.bus = bus;
        this.archive = archive;
        this.policy = policy;
        this.eventsDlq = eventsDlq;
    }

    public static EventBusResources create(PatternContext ctx, Output<String> keyArn) {
        BusSettings settings = ctx.settings().bus();
        Queue eventsDlq = EncryptedQueue.create(ctx, ctx.name("events-dlq"), keyArn,
                QueueShape.deadLetter(ctx.settings().queueDefaults().dlqRetentionSeconds(), false));

        var busArgs = EventBusArgs.builder()
                .description("EDP " + ctx.settings().name() + " (" + ctx.settings().environment().id() + ") event bus")
                .tags(ctx.tags());
        if (settings.encryptWithPatternKey()) {
            // Events EventBridge cannot decrypt or encrypt go to the events DLQ instead of being dropped.
            busArgs.kmsKeyIdentifier(keyArn)
                    .deadLetterConfig(EventBusDeadLetterConfigArgs.builder().arn(eventsDlq.arn()).build());
        }
        EventBus bus = new EventBus(ctx.name("bus"), busArgs.build(), ctx.options());

        Optional<EventBusPolicy> policy = Optional.empty();
        if (!settings.producerAccountIds().isEmpty()) {
            Statement allow = Statement.allow("events:PutEvents").sid("ProducerAccountsPutEvents").on(bus.arn());
            for (String account : settings.producerAccountIds()) {
                allow.forAws(Output.format("arn:%s:iam::%s:root", ctx.partition(), account));
            }
            policy = Optional.of(new EventBusPolicy(ctx.name("bus-policy"), EventBusPolicyArgs.builder()
                    .eventBusName(bus.name())
                    .policy(PolicyDocument.of(allow).toJson())
                    .build(), ctx.options()));
        }

        EventArchive archive = new EventArchive(ctx.name("archive"), EventArchiveArgs.builder()
                .eventSourceArn(bus.arn())
                .retentionDays(settings.archiveRetentionDays())
                .description("Every event of the EDP bus, for replay (./edp replay)")
                .build(), ctx.options());
        return new EventBusResources(bus, archive, policy, eventsDlq);
    }

    /**
     * Lets these rules use the events DLQ as their targets' dead-letter queue, and, on a bus encrypted with the
     * pattern key, the bus itself: the bus-level dead-letter queue receives what EventBridge could not encrypt or
     * decrypt, sent with the bus as aws:SourceArn, not a rule. EventBridge User Guide, "Encrypting EventBridge event
     * buses with AWS KMS keys", DLQs for encrypted events
     * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-event-bus-cmkey.html). Call once all
     * rules exist.
     */
    public void allowDeadLettersFrom(PatternContext ctx, List<Output<String>> ruleArns) {
        List<Output<String>> senders = new java.util.ArrayList<>(ruleArns);
        if (ctx.settings().bus().encryptWithPatternKey()) {
            senders.add(bus.arn());
        }
        EncryptedQueue.allowRules(ctx, ctx.name("events-dlq-policy"), eventsDlq, senders);
    }

    public EventBus bus() {
        return bus;
    }

    public Output<String> name() {
        return bus.name();
    }

    public Output<String> arn() {
        return bus.arn();
    }

    public EventArchive archive() {
        return archive;
    }

    public Optional<EventBusPolicy> policy() {
        return policy;
    }

    public Queue eventsDlq() {
        return eventsDlq;
    }
}
