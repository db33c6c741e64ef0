package dev.edp.pattern.functions;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.lambda.Alias;
import com.pulumi.aws.lambda.AliasArgs;
import com.pulumi.aws.lambda.Function;
import com.pulumi.aws.lambda.FunctionArgs;
import com.pulumi.aws.lambda.ProvisionedConcurrencyConfig;
import com.pulumi.aws.lambda.ProvisionedConcurrencyConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionEnvironmentArgs;
import com.pulumi.aws.lambda.inputs.FunctionEphemeralStorageArgs;
import com.pulumi.aws.lambda.inputs.FunctionVpcConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionLoggingConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionSnapStartArgs;
import com.pulumi.aws.lambda.inputs.FunctionTracingConfigArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.EnvironmentPreset;
import dev.edp.pattern.inputs.LogLevel;
import dev.edp.pattern.config.PatternSettings.FunctionSettings;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Lambda function of the pattern with everything it needs: its own role (logs, traces and exactly the
 * statements the caller adds), its own KMS-encrypted log group with retention, the user's code (an archive or an S3
 * object) on the user's runtime, layers and VPC placement, X-Ray active, JSON logs, environment variables encrypted
 * with the pattern key, and, where SnapStart or provisioned concurrency asks for it, a published version behind
 * alias {@code live}.
 */
public final class PatternFunction {

    public static final String LIVE_ALIAS = "live";

    private final String purpose;
    private final Function function;
    private final Role role;
    private final LogGroup logGroup;
    private final Optional<Alias> alias;

    private PatternFunction(String purpose, Function function, Role role, LogGroup logGroup, Optional<Alias> alias) {
        this.purpose = purpose;
        this.function = function;
        this.role = role;
        this.logGroup = logGroup;
        this.alias = alias;
    }

    /** What to build: its purpose (names its resources), handler, settings, environment and extra permissions. */
    public record Spec(String purpose, String description, FunctionSettings settings,
                       Map<String, Output<String>> environment, List<Statement> permissions) {
    }

    public static PatternFunction create(PatternContext ctx, Spec spec, Output<String> keyArn) {
        FunctionSettings s = spec.settings();
        LogGroup logGroup = new LogGroup(ctx.name(spec.purpose(), "logs"), LogGroupArgs.builder()
                .namePrefix("/edp/" + ctx.settings().name() + "/" + ctx.settings().environment().id() + "/"
                        + spec.purpose() + "-")
                .retentionInDays(s.logRetentionDays())
                .kmsKeyId(keyArn)
                .tags(ctx.tags())
                .build(), ctx.options());

        Role role = new Role(ctx.name(spec.purpose(), "role"), RoleArgs.builder()
                .description("Runs the EDP " + spec.purpose() + " function")
                // aws:SourceAccount: only this account's functions may assume it (AWS's confused-deputy guidance;
                // Lambda sets the key when it assumes an execution role, as for the pattern's other service roles).
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .forService("lambda.amazonaws.com")
                        .when("StringEquals", "aws:SourceAccount", ctx.accountId())).toJson())
                .tags(ctx.tags())
                .build(), ctx.options());

        List<Statement> statements = new ArrayList<>();
        statements.add(Statement.allow("logs:CreateLogStream", "logs:PutLogEvents")
                .sid("WriteOwnLogs")
                .on(logGroup.arn().applyValue(arn -> arn + ":*")));
        statements.add(Statement.allow("xray:PutTraceSegments", "xray:PutTelemetryRecords")
                .sid("SendTraces")
                .onEveryResource("X-Ray's trace-writing actions support no resource-level permissions"));
        statements.add(Statement.allow("kms:Decrypt")
                .sid("DecryptEnvironmentAndMessages")
                .on(keyArn));
        if (s.subnetIds().isPresent()) {
            statements.add(Statement.allow("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
                            "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                            "ec2:UnassignPrivateIpAddresses")
                    .sid("ManageVpcNetworkInterfaces")
                    .onEveryResource("EC2's Describe actions support no resource-level permissions, and Lambda creates"
                            + " the interfaces before their ids exist (AWSLambdaVPCAccessExecutionRole)"));
        }
        statements.addAll(spec.permissions());
        RolePolicy policy = new RolePolicy(ctx.name(spec.purpose(), "policy"), RolePolicyArgs.builder()
                .role(role.id())
                .policy(PolicyDocument.of(statements).toJson())
                .build(), ctx.options());

        Map<String, Output<String>> variables = new TreeMap<>(spec.environment());
        var args = FunctionArgs.builder()
                .description(spec.description())
                .runtime(s.runtime())
                .handler(s.handler())
                .role(role.arn())
                .memorySize(s.memoryMb())
                .timeout(s.timeoutSeconds())
                .architectures(s.architecture().id())
                .kmsKeyArn(keyArn)
                .environment(FunctionEnvironmentArgs.builder().variables(Output.all(variables.values().stream()
                        .toList()).applyValue(values -> zip(List.copyOf(variables.keySet()), values))).build())
                .loggingConfig(FunctionLoggingConfigArgs.builder()
                        .logFormat("JSON")
                        .logGroup(logGroup.name())
                        .applicationLogLevel(s.logLevel().id())
                        .systemLogLevel(s.logLevel().compareTo(LogLevel.DEBUG) <= 0 ? "DEBUG" : "INFO") // TRACE, DEBUG: verbose
                        .build())
                .tracingConfig(FunctionTracingConfigArgs.builder().mode("Active").build())
                .publish(s.needsPublishedAlias())
                .tags(ctx.tags());
        s.code().ifPresent(args::code);
        s.codeS3Bucket().ifPresent(args::s3Bucket);
        s.codeS3Key().ifPresent(args::s3Key);
        s.codeS3ObjectVersion().ifPresent(args::s3ObjectVersion);
        s.layers().ifPresent(args::layers);
        s.subnetIds().ifPresent(subnets -> args.vpcConfig(FunctionVpcConfigArgs.builder()
                .subnetIds(subnets)
                .securityGroupIds(s.securityGroupIds().orElseThrow())
                .build()));
        if (s.ephemeralStorageMb() != EnvironmentPreset.EPHEMERAL_STORAGE_MB) {
            args.ephemeralStorage(FunctionEphemeralStorageArgs.builder().size(s.ephemeralStorageMb()).build());
        }
        if (s.reservedConcurrency() != null) {
            args.reservedConcurrentExecutions(s.reservedConcurrency());
        }
        if (s.snapStart()) {
            args.snapStart(FunctionSnapStartArgs.builder().applyOn("PublishedVersions").build());
        }
        // The role's policy must exist before the first invocation tries to write its logs.
        Function function = new Function(ctx.name(spec.purpose(), "fn"), args.build(), ctx.options(policy, logGroup));

        Optional<Alias> alias = Optional.empty();
        if (s.needsPublishedAlias()) {
            Alias live = new Alias(ctx.name(spec.purpose(), "alias"), AliasArgs.builder()
                    .name(LIVE_ALIAS)
                    .functionName(function.name())
                    .functionVersion(function.version())
                    .description("The published version events are delivered to")
                    .build(), ctx.options());
            if (s.provisionedConcurrency() > 0) {
                new ProvisionedConcurrencyConfig(ctx.name(spec.purpose(), "provisioned"),
                        ProvisionedConcurrencyConfigArgs.builder()
                                .functionName(function.name())
                                .qualifier(live.name())
                                .provisionedConcurrentExecutions(s.provisionedConcurrency())
                                .build(), ctx.options());
            }
            alias = Optional.of(live);
        }
        return new PatternFunction(spec.purpose(), function, role, logGroup, alias);
    }

    private static Map<String, String> zip(List<String> keys, List<String> values) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.get(i), values.get(i));
        }
        return map;
    }

    /** What the function is for: its consumer's or task's name. */
    public String purpose() {
        return purpose;
    }

    public Function function() {
        return function;
    }

    public Role role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    public Optional<Alias> alias() {
        return alias;
    }

    /** What events are delivered to: the {@code live} alias when there is one, else the function. */
    public Output<String> invocationArn() {
        return alias.map(Alias::arn).orElse(function.arn());
    }

    /** ARNs to grant {@code lambda:InvokeFunction} on: the function and its versions and aliases. */
    public List<Output<String>> invokeArns() {
        return List.of(function.arn(), function.arn().applyValue(arn -> arn + ":*"));
    }
}
