package dev.edp.pattern.workflow;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.sfn.StateMachine;
import com.pulumi.aws.sfn.StateMachineArgs;
import com.pulumi.aws.sfn.inputs.StateMachineEncryptionConfigurationArgs;
import com.pulumi.aws.sfn.inputs.StateMachineLoggingConfigurationArgs;
import com.pulumi.aws.sfn.inputs.StateMachineTracingConfigurationArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.bus.EventRoutes;
import dev.edp.pattern.config.Grant;
import dev.edp.pattern.config.PatternSettings.WorkflowSettings;
import dev.edp.pattern.config.RuntimeHandlers;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.functions.PatternFunction;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 004's workflow: the state machine ({@link WorkflowDefinition}), its four task functions, its role, its
 * KMS-encrypted log group, and the rule that starts it on "Workflow Triggered" (seed 003).
 */
public record Workflow(StateMachine stateMachine, Role role, LogGroup logGroup, List<PatternFunction> tasks,
                       EventRule triggerRule, EventTarget triggerTarget) {

    /** A task function: what it does and the access it needs. */
    record Task(String purpose, String description, String handler, Set<Grant> grants) {
    }

    static final Task VALIDATE = new Task("wf-validate", "Validates workflow input against its schema",
            RuntimeHandlers.WORKFLOW_VALIDATE_INPUT, Set.of());
    static final Task PROCESS_ORDER = new Task("wf-process-order", "Processes the workflow's order",
            RuntimeHandlers.WORKFLOW_PROCESS_ORDER, Set.of(Grant.TABLE_READ, Grant.TABLE_WRITE));
    static final Task RESERVE_INVENTORY = new Task("wf-reserve-inventory", "Reserves the order's items",
            RuntimeHandlers.WORKFLOW_RESERVE_INVENTORY, Set.of(Grant.TABLE_READ, Grant.TABLE_WRITE));
    /** Reads the order's lines and reservations to release them (the saga's compensation); records, notifies. */
    static final Task HANDLE_ERROR = new Task("wf-handle-error",
            "Releases a failed workflow's reservations, records and reports it", RuntimeHandlers.WORKFLOW_HANDLE_ERROR,
            Set.of(Grant.TABLE_READ, Grant.TABLE_WRITE, Grant.NOTIFICATIONS_PUBLISH));

    public static Workflow create(PatternContext ctx, SharedResources shared) {
        WorkflowSettings settings = ctx.settings().workflow();
        Output<String> keyArn = shared.key().arn();

        List<PatternFunction> tasks = new ArrayList<>();
        for (Task task : List.of(VALIDATE, PROCESS_ORDER, RESERVE_INVENTORY, HANDLE_ERROR)) {
            tasks.add(PatternFunction.create(ctx, new PatternFunction.Spec(task.purpose(), task.description(),
                    task.handler(), settings.function(), shared.environment(ctx),
                    shared.statements(task.grants())), keyArn));
        }

        LogGroup logGroup = new LogGroup(ctx.name("workflow", "logs"), LogGroupArgs.builder()
                // Step Functions vended logs must go to a group under /aws/vendedlogs/ (resource policy size).
                .namePrefix("/aws/vendedlogs/states/edp-" + ctx.settings().name() + "-"
                        + ctx.settings().environment().id() + "-")
                .retentionInDays(ctx.settings().functionDefaults().logRetentionDays())
                .kmsKeyId(keyArn)
                .tags(ctx.tags())
                .build(), ctx.options());

        Role role = new Role(ctx.name("workflow", "role"), RoleArgs.builder()
                .description("Runs the EDP workflow state machine")
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .forService("states.amazonaws.com")
                        .when("StringEquals", "aws:SourceAccount", ctx.accountId())).toJson())
                .tags(ctx.tags())
                .build(), ctx.options());
        List<Output<String>> functionArns = new ArrayList<>();
        tasks.forEach(f -> functionArns.addAll(f.invokeArns()));
        RolePolicy policy = new RolePolicy(ctx.name("workflow", "policy"), RolePolicyArgs.builder()
                .role(role.id())
                .policy(PolicyDocument.of(
                        Statement.allow("lambda:InvokeFunction").sid("InvokeTaskFunctions").on(functionArns),
                        Statement.allow("sns:Publish").sid("RequestApprovals").on(shared.topics().notifications().arn()),
                        Statement.allow("events:PutEvents").sid("PublishResults").on(shared.bus().arn()),
                        Statement.allow("kms:Decrypt", "kms:GenerateDataKey").sid("UsePatternKey").on(keyArn),
                        Statement.allow("logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery",
                                        "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
                                        "logs:DescribeResourcePolicies", "logs:DescribeLogGroups")
                                .sid("DeliverExecutionLogs")
                                .onEveryResource("CloudWatch Logs' log-delivery actions support no resource-level"
                                        + " permissions (Step Functions logging documentation)"),
                        Statement.allow("xray:PutTraceSegments", "xray:PutTelemetryRecords",
                                        "xray:GetSamplingRules", "xray:GetSamplingTargets")
                                .sid("SendTraces")
                                .onEveryResource("X-Ray's actions support no resource-level permissions"))
                        .toJson())
                .build(), ctx.options());

        // Each task invokes what its function is invoked through: the `live` alias where SnapStart or provisioned
        // concurrency needs a published version (both apply to that version only, never to $LATEST), else the
        // function. Lambda: "Configuring provisioned concurrency" / "Improving startup performance with SnapStart".
        List<Output<String>> definitionInputs = List.of(ctx.partition(), tasks.get(0).invocationArn(),
                tasks.get(1).invocationArn(), tasks.get(2).invocationArn(), tasks.get(3).invocationArn(),
                shared.topics().notifications().arn(), shared.bus().name());
        Output<String> definition = Output.all(definitionInputs).applyValue(v -> WorkflowDefinition.render(
                new WorkflowDefinition.Targets(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                        settings.approvalTimeoutSeconds())));

        StateMachine stateMachine = new StateMachine(ctx.name("workflow"), StateMachineArgs.builder()
                // STANDARD: callbacks (wait for a task token) and long approval waits need it.
                .type("STANDARD")
                .definition(definition)
                .roleArn(role.arn())
                .loggingConfiguration(StateMachineLoggingConfigurationArgs.builder()
                        .level(settings.logLevel())
                        .includeExecutionData(settings.includeExecutionData())
                        .logDestination(logGroup.arn().applyValue(arn -> arn + ":*"))
                        .build())
                .tracingConfiguration(StateMachineTracingConfigurationArgs.builder().enabled(true).build())
                .encryptionConfiguration(StateMachineEncryptionConfigurationArgs.builder()
                        .type("CUSTOMER_MANAGED_KMS_KEY")
                        .kmsKeyId(keyArn)
                        .kmsDataKeyReusePeriodSeconds(300)
                        .build())
                .tags(ctx.tags())
                .build(), ctx.options(policy));

        Role triggerRole = new Role(ctx.name("workflow-trigger", "role"), RoleArgs.builder()
                .description("Lets the EDP bus start the workflow")
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .forService("events.amazonaws.com")
                        .when("StringEquals", "aws:SourceAccount", ctx.accountId())).toJson())
                .tags(ctx.tags())
                .build(), ctx.options());
        new RolePolicy(ctx.name("workflow-trigger", "policy"), RolePolicyArgs.builder()
                .role(triggerRole.id())
                .policy(PolicyDocument.of(Statement.allow("states:StartExecution").sid("StartWorkflow")
                                .on(stateMachine.arn()),
                        // The execution's input is encrypted with the state machine's key on the caller's behalf.
                        useOfStateMachineKey(keyArn, stateMachine.arn()).sid("EncryptWorkflowInput")).toJson())
                .build(), ctx.options());
        EventRule rule = EventRoutes.rule(ctx, ctx.name("workflow-trigger", "rule"), shared.bus().name(),
                Output.of(EventPatterns.sourceAndTypes("workflow", List.of("Workflow Triggered"))),
                "Starts the workflow on Workflow Triggered (seed 003)");
        var queues = ctx.settings().queueDefaults();
        EventTarget target = EventRoutes.target(ctx, ctx.name("workflow-trigger", "target"), rule,
                shared.bus().name(), EventRoutes.Delivery.to(stateMachine.arn(), shared.bus().eventsDlq().arn(),
                        queues.targetRetryAttempts(), queues.targetMaxEventAgeSeconds()).as(triggerRole.arn()));
        return new Workflow(stateMachine, role, logGroup, tasks, rule, target);
    }

    /**
     * What every caller of an encrypted state machine needs besides the {@code states:} action: whoever calls
     * {@code StartExecution} (its input) or {@code SendTaskSuccess}/{@code SendTaskFailure} (their output, error and
     * cause) has Step Functions encrypt that data with the state machine's key for it, so the caller needs
     * {@code kms:GenerateDataKey} and {@code kms:Decrypt} on the key. Scoped by the encryption context Step Functions
     * sets on every such call, so the grant is good for this state machine only. AWS Step Functions Developer Guide,
     * "Data at rest encryption" (https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html),
     * and the SendTaskFailure API reference.
     */
    public static Statement useOfStateMachineKey(Output<String> keyArn, Output<String> stateMachineArn) {
        return Statement.allow("kms:GenerateDataKey", "kms:Decrypt")
                .on(keyArn)
                .when("StringEquals", ENCRYPTION_CONTEXT_STATE_MACHINE, stateMachineArn);
    }

    /** The encryption context key Step Functions sets on the state machine's KMS calls. */
    public static final String ENCRYPTION_CONTEXT_STATE_MACHINE = "kms:EncryptionContext:aws:states:stateMachineArn";

    /** The task functions by purpose, for outputs and alarms. */
    public Map<String, PatternFunction> tasksByPurpose() {
        Map<String, PatternFunction> map = new java.util.LinkedHashMap<>();
        List<Task> order = List.of(VALIDATE, PROCESS_ORDER, RESERVE_INVENTORY, HANDLE_ERROR);
        for (int i = 0; i < order.size(); i++) {
            map.put(order.get(i).purpose(), tasks.get(i));
        }
        return map;
    }
}
