package dev.edp.pattern.consumers;

import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.sfn.StateMachine;
import com.pulumi.aws.sfn.StateMachineArgs;
import com.pulumi.aws.sfn.inputs.StateMachineEncryptionConfigurationArgs;
import com.pulumi.aws.sfn.inputs.StateMachineLoggingConfigurationArgs;
import com.pulumi.aws.sfn.inputs.StateMachineTracingConfigurationArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.config.Placeholders;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.TaskSettings;
import dev.edp.pattern.config.PatternSettings.WorkflowSettings;
import dev.edp.pattern.functions.PatternFunction;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kind {@code workflow}: rule → a Step Functions state machine. Either the user's definition, with its task
 * functions (each a {@link PatternFunction} with its grants), its role (invoke exactly its tasks, the grants it
 * names, the pattern key, log delivery and traces), its KMS-encrypted execution log group, encryption with the
 * pattern key and X-Ray; or an existing state machine by ARN. EventBridge starts executions as a role allowed
 * {@code states:StartExecution} on that state machine alone (and the key use starting an encrypted one needs).
 */
final class WorkflowConsumer {

    private WorkflowConsumer() {
    }

    static Consumer create(PatternContext ctx, ConsumerSettings c, SharedResources shared) {
        WorkflowSettings w = c.workflow().orElseThrow();
        Output<String> keyArn = shared.key().arn();
        List<PatternFunction> tasks = new ArrayList<>();
        Output<String> stateMachineArn;
        boolean ours = w.existingStateMachineArn().isEmpty();
        if (ours) {
            Map<String, Output<String>> taskArns = new HashMap<>();
            for (TaskSettings t : w.tasks()) {
                PatternFunction fn = PatternFunction.create(ctx, new PatternFunction.Spec(t.name(), t.description(),
                        t.function(), shared.environment(t.name(), t.environment()),
                        shared.statements(t.grants(), t.statements())), keyArn);
                tasks.add(fn);
                // The state machine calls what events would: the published alias when there is one.
                taskArns.put("task:" + t.name(), fn.invocationArn());
            }
            stateMachineArn = stateMachine(ctx, c, w, shared, tasks, taskArns).arn();
        } else {
            stateMachineArn = w.existingStateMachineArn().get();
        }
        shared.addWorkflow(c.name(), stateMachineArn);

        ConsumerRoute route = ConsumerRoute.open(ctx, c, shared);
        List<Statement> trigger = new ArrayList<>();
        trigger.add(Statement.allow("states:StartExecution").sid("StartWorkflow").on(stateMachineArn));
        if (ours) {
            // The execution's input is encrypted with the state machine's key on the caller's behalf.
            trigger.add(SharedResources.useOfStateMachineKey(keyArn, stateMachineArn).sid("EncryptWorkflowInput"));
        }
        ServiceRole triggerRole = ServiceRole.create(ctx, c.name() + "-trigger", "events.amazonaws.com",
                "Lets the EDP bus start the " + c.name() + " workflow", trigger);
        EventTarget target = route.target(ctx, shared, stateMachineArn, triggerRole.arn(), null);
        route.admitRuleToDeadLetterQueue(ctx);
        return new Consumer(c.name(), c, route.rule(), target, route.deadLetterQueue(), route.deadLetterQueue(), Optional.empty(),
                Optional.empty(),
                Optional.empty(), Optional.of(stateMachineArn), List.copyOf(tasks), Optional.empty());
    }

    private static StateMachine stateMachine(PatternContext ctx, ConsumerSettings c, WorkflowSettings w,
                                             SharedResources shared, List<PatternFunction> tasks,
                                             Map<String, Output<String>> taskArns) {
        Output<String> keyArn = shared.key().arn();
        LogGroup logGroup = new LogGroup(ctx.name(c.name(), "logs"), LogGroupArgs.builder()
                // Step Functions vended logs must go to a group under /aws/vendedlogs/ (resource policy size).
                .namePrefix("/aws/vendedlogs/states/edp-" + ctx.settings().physicalPrefix() + "-" + c.name() + "-")
                .retentionInDays(ctx.settings().functionDefaults().logRetentionDays())
                .kmsKeyId(keyArn)
                .tags(ctx.tags())
                .build(), ctx.options());

        List<Statement> statements = new ArrayList<>();
        List<Output<String>> functionArns = new ArrayList<>();
        tasks.forEach(f -> functionArns.addAll(f.invokeArns()));
        if (!functionArns.isEmpty()) {
            statements.add(Statement.allow("lambda:InvokeFunction").sid("InvokeTaskFunctions").on(functionArns));
        }
        statements.addAll(shared.statements(w.grants(), w.statements()));
        statements.add(Statement.allow("kms:Decrypt", "kms:GenerateDataKey").sid("UsePatternKey").on(keyArn));
        statements.add(Statement.allow("logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
                        "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
                        "logs:DescribeResourcePolicies", "logs:DescribeLogGroups")
                .sid("DeliverExecutionLogs")
                .onEveryResource("CloudWatch Logs' log-delivery actions support no resource-level"
                        + " permissions (Step Functions logging documentation)"));
        statements.add(Statement.allow("xray:PutTraceSegments", "xray:PutTelemetryRecords",
                        "xray:GetSamplingRules", "xray:GetSamplingTargets")
                .sid("SendTraces")
                .onEveryResource("X-Ray's actions support no resource-level permissions"));
        ServiceRole role = ServiceRole.create(ctx, c.name(), "states.amazonaws.com",
                "Runs the EDP " + c.name() + " state machine", statements);

        Map<String, Output<String>> extra = new HashMap<>(taskArns);
        extra.putAll(w.substitutions());
        Output<String> definition = Placeholders.fill(w.definition().orElseThrow(), shared.placeholderValues(extra));
        return new StateMachine(ctx.name(c.name()), StateMachineArgs.builder()
                .type(w.type().id())
                .definition(definition)
                .roleArn(role.arn())
                .loggingConfiguration(StateMachineLoggingConfigurationArgs.builder()
                        .level(w.logLevel().id())
                        .includeExecutionData(w.includeExecutionData())
                        .logDestination(logGroup.arn().applyValue(arn -> arn + ":*"))
                        .build())
                .tracingConfiguration(StateMachineTracingConfigurationArgs.builder().enabled(true).build())
                .encryptionConfiguration(StateMachineEncryptionConfigurationArgs.builder()
                        .type("CUSTOMER_MANAGED_KMS_KEY")
                        .kmsKeyId(keyArn)
                        .kmsDataKeyReusePeriodSeconds(300)
                        .build())
                .tags(ctx.tags())
                .build(), ctx.options(role.policy()));
    }
}
