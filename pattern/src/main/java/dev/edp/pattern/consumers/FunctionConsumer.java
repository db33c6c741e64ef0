package dev.edp.pattern.consumers;

import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.lambda.FunctionEventInvokeConfig;
import com.pulumi.aws.lambda.FunctionEventInvokeConfigArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEventInvokeConfigDestinationConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionEventInvokeConfigDestinationConfigOnFailureArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.functions.PatternFunction;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kind {@code function} (seed 004's "Lambda Direct"): rule → the function, invoked asynchronously. Lambda retries a
 * failed invocation {@code retryAttempts} times within {@code maxEventAgeSeconds}, then sends the event with its
 * error to the consumer's DLQ (on-failure destination); what EventBridge cannot deliver to Lambda lands in the same
 * DLQ (the target's dead-letter config). No queue: lower latency, no batching, no partial batch failures.
 */
final class FunctionConsumer {

    private FunctionConsumer() {
    }

    static Consumer create(PatternContext ctx, ConsumerSettings c, SharedResources shared) {
        Output<String> keyArn = shared.key().arn();
        ConsumerRoute route = ConsumerRoute.open(ctx, c, shared);
        List<Statement> permissions = new ArrayList<>();
        // Lambda sends to the on-failure destination with the function's own role.
        permissions.add(Statement.allow("sqs:SendMessage").sid("SendFailuresToOwnDlq")
                .on(route.deadLetterQueue().arn()));
        // An SQS producer needs kms:GenerateDataKey and kms:Decrypt on an encrypted queue (sqs-key-management.html).
        permissions.add(Statement.allow("kms:GenerateDataKey", "kms:Decrypt").sid("EncryptFailuresForOwnDlq").on(keyArn));
        permissions.addAll(shared.statements(c.grants(), c.statements()));
        PatternFunction function = PatternFunction.create(ctx, new PatternFunction.Spec(c.name(), c.description(),
                c.function().orElseThrow(), shared.environment(c.name(), c.environment()), permissions), keyArn);

        var permission = PermissionArgs.builder()
                .function(function.function().name())
                .action("lambda:InvokeFunction")
                .principal("events.amazonaws.com")
                .sourceArn(route.rule().arn());
        function.alias().ifPresent(a -> permission.qualifier(a.name()));
        new Permission(ctx.name(c.name(), "invoke-permission"), permission.build(), ctx.options());
        var invokeConfig = FunctionEventInvokeConfigArgs.builder()
                .functionName(function.function().name())
                .maximumRetryAttempts(c.retryAttempts())
                .maximumEventAgeInSeconds(c.maxEventAgeSeconds())
                .destinationConfig(FunctionEventInvokeConfigDestinationConfigArgs.builder()
                        .onFailure(FunctionEventInvokeConfigDestinationConfigOnFailureArgs.builder()
                                .destination(route.deadLetterQueue().arn())
                                .build())
                        .build());
        function.alias().ifPresent(a -> invokeConfig.qualifier(a.name()));
        new FunctionEventInvokeConfig(ctx.name(c.name(), "async-config"), invokeConfig.build(),
                ctx.options(function.function()));

        EventTarget target = route.target(ctx, shared, function.invocationArn(), null, null);
        route.admitRuleToDeadLetterQueue(ctx);
        return new Consumer(c.name(), c, route.rule(), target, route.deadLetterQueue(), route.deadLetterQueue(), Optional.empty(),
                Optional.empty(),
                Optional.of(function), Optional.empty(), List.of(), Optional.empty());
    }
}
