package dev.edp.pattern.sources;

import com.pulumi.aws.scheduler.Schedule;
import com.pulumi.aws.scheduler.ScheduleArgs;
import com.pulumi.aws.scheduler.inputs.ScheduleFlexibleTimeWindowArgs;
import com.pulumi.aws.scheduler.inputs.ScheduleTargetArgs;
import com.pulumi.aws.scheduler.inputs.ScheduleTargetDeadLetterConfigArgs;
import com.pulumi.aws.scheduler.inputs.ScheduleTargetEventbridgeParametersArgs;
import com.pulumi.aws.scheduler.inputs.ScheduleTargetRetryPolicyArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.config.PatternSettings.ScheduleSettings;
import dev.edp.pattern.consumers.Consumer;
import dev.edp.pattern.consumers.ServiceRole;
import dev.edp.pattern.functions.PatternFunction;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Schedules (EventBridge Scheduler; seed 002's scheduled processing): each puts an event on the pattern's bus, or
 * invokes a consumer's function, at its times. The scheduler runs as a role allowed exactly that action on exactly
 * that target, and sends what it could not deliver to the events DLQ (with the key use the encrypted queue needs).
 */
public final class Schedules {

    private Schedules() {
    }

    public static List<Schedule> create(PatternContext ctx, SharedResources shared, List<Consumer> consumers) {
        List<Schedule> created = new ArrayList<>();
        for (ScheduleSettings s : ctx.settings().schedules()) {
            Output<String> targetArn;
            Statement invoke;
            var target = ScheduleTargetArgs.builder();
            if (s.consumer().isPresent()) {
                PatternFunction fn = consumers.stream().filter(c -> c.name().equals(s.consumer().get())).findFirst()
                        .flatMap(Consumer::function).orElseThrow();
                targetArn = fn.invocationArn();
                invoke = Statement.allow("lambda:InvokeFunction").sid("InvokeConsumer").on(fn.invokeArns());
                target.input(s.detail());
            } else {
                targetArn = shared.bus().arn();
                invoke = Statement.allow("events:PutEvents").sid("PutScheduledEvents").on(shared.bus().arn());
                target.input(s.detail()).eventbridgeParameters(ScheduleTargetEventbridgeParametersArgs.builder()
                        .source(s.source())
                        .detailType(s.detailType())
                        .build());
            }
            ServiceRole role = ServiceRole.create(ctx, s.name() + "-schedule", "scheduler.amazonaws.com",
                    "Lets EventBridge Scheduler run the " + s.name() + " schedule", List.of(invoke,
                            Statement.allow("sqs:SendMessage").sid("SendUndeliveredToEventsDlq")
                                    .on(shared.bus().eventsDlq().arn()),
                            // An SQS producer needs both on an encrypted queue (sqs-key-management.html).
                            Statement.allow("kms:GenerateDataKey", "kms:Decrypt").sid("EncryptForEventsDlq")
                                    .on(shared.key().arn())));
            var queues = ctx.settings().queueDefaults();
            target.arn(targetArn)
                    .roleArn(role.arn())
                    .deadLetterConfig(ScheduleTargetDeadLetterConfigArgs.builder()
                            .arn(shared.bus().eventsDlq().arn()).build())
                    .retryPolicy(ScheduleTargetRetryPolicyArgs.builder()
                            .maximumRetryAttempts(queues.targetRetryAttempts())
                            .maximumEventAgeInSeconds(queues.targetMaxEventAgeSeconds())
                            .build());
            created.add(new Schedule(ctx.name(s.name(), "schedule"), ScheduleArgs.builder()
                    .description(s.description())
                    .scheduleExpression(s.expression())
                    .scheduleExpressionTimezone(s.timezone())
                    .state(s.enabled() ? "ENABLED" : "DISABLED")
                    .flexibleTimeWindow(ScheduleFlexibleTimeWindowArgs.builder().mode("OFF").build())
                    .target(target.build())
                    .build(), ctx.options(role.policy())));
        }
        return created;
    }
}
