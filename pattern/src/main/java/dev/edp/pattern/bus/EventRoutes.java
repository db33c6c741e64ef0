package dev.edp.pattern.bus;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetDeadLetterConfigArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetRetryPolicyArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetSqsTargetArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;

/**
 * Rules and their targets. Every target gets a dead-letter queue and a retry policy: an event EventBridge cannot
 * deliver lands in a queue someone watches, never nowhere.
 */
public final class EventRoutes {

    private EventRoutes() {
    }

    /** A rule on {@code busName} ("default" for the account's default bus) matching {@code pattern}. */
    public static EventRule rule(PatternContext ctx, String logicalName, Output<String> busName, Output<String> pattern,
                                 String description) {
        return new EventRule(logicalName, EventRuleArgs.builder()
                .eventBusName(busName)
                .eventPattern(pattern)
                .description(description)
                .state("ENABLED")
                .tags(ctx.tags())
                .build(), ctx.options());
    }

    /** How a target delivers: where it sends, as whom, and where undeliverable events go. */
    public record Delivery(Output<String> targetArn, Output<String> deadLetterArn, int retryAttempts,
                           int maxEventAgeSeconds, Output<String> roleArn, String messageGroupId) {

        public static Delivery to(Output<String> targetArn, Output<String> deadLetterArn, int retryAttempts,
                                  int maxEventAgeSeconds) {
            return new Delivery(targetArn, deadLetterArn, retryAttempts, maxEventAgeSeconds, null, null);
        }

        public Delivery as(Output<String> role) {
            return new Delivery(targetArn, deadLetterArn, retryAttempts, maxEventAgeSeconds, role, messageGroupId);
        }

        public Delivery inGroup(String group) {
            return new Delivery(targetArn, deadLetterArn, retryAttempts, maxEventAgeSeconds, roleArn, group);
        }
    }

    public static EventTarget target(PatternContext ctx, String logicalName, EventRule rule, Output<String> busName,
                                     Delivery delivery) {
        var args = EventTargetArgs.builder()
                .rule(rule.name())
                .eventBusName(busName)
                .arn(delivery.targetArn())
                .deadLetterConfig(EventTargetDeadLetterConfigArgs.builder().arn(delivery.deadLetterArn()).build())
                .retryPolicy(EventTargetRetryPolicyArgs.builder()
                        .maximumRetryAttempts(delivery.retryAttempts())
                        .maximumEventAgeInSeconds(delivery.maxEventAgeSeconds())
                        .build());
        if (delivery.roleArn() != null) {
            args.roleArn(delivery.roleArn());
        }
        if (delivery.messageGroupId() != null) {
            // A FIFO target's message group: a constant, or a JSON path into the event ("$.detail.order_id") that
            // EventBridge resolves per event, so one poison message holds back only its own group. EventBridge
            // User Guide, "Event bus targets", Target parameters and Dynamic path parameters
            // (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html); SqsParameters in the
            // EventBridge API reference. pulumi-aws 6.83 passes sqsTarget.messageGroupId through as that string.
            args.sqsTarget(EventTargetSqsTargetArgs.builder().messageGroupId(delivery.messageGroupId()).build());
        }
        return new EventTarget(logicalName, args.build(), ctx.options());
    }
}
