package dev.edp.pattern.audit;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.cloudwatch.LogStream;
import com.pulumi.aws.cloudwatch.LogStreamArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.kinesis.FirehoseDeliveryStream;
import com.pulumi.aws.kinesis.FirehoseDeliveryStreamArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamExtendedS3ConfigurationCloudwatchLoggingOptionsArgs;
import com.pulumi.aws.kinesis.inputs.FirehoseDeliveryStreamServerSideEncryptionArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.bus.EventBusResources;
import dev.edp.pattern.bus.EventRoutes;
import dev.edp.pattern.config.PatternSettings.AuditSettings;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;
import dev.edp.pattern.keys.PatternKey;
import dev.edp.pattern.storage.SecureBucket;

/**
 * The audit trail (seed 004: "all events archived to S3 via Firehose"): a catch-all rule on the bus → a Firehose
 * delivery stream (SSE with the pattern key) → a secure bucket, GZIP, partitioned by date
 * ({@code events/year=YYYY/month=MM/day=DD/}), failed records under {@code errors/}, tiered to infrequent access
 * and then Glacier.
 */
public record AuditTrail(SecureBucket bucket, FirehoseDeliveryStream stream, Role role, EventRule rule,
                         EventTarget target) {

    public static final String PREFIX = "events/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/";
    public static final String ERROR_PREFIX =
            "errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/";

    public static AuditTrail create(PatternContext ctx, PatternKey key, EventBusResources bus,
                                    java.util.Optional<dev.edp.pattern.storage.AccessLogBucket> accessLogs) {
        AuditSettings settings = ctx.settings().audit();
        SecureBucket bucket = SecureBucket.create(ctx, "audit-bucket", key.arn(), new SecureBucket.Lifecycle(
                settings.infrequentAccessAfterDays(), settings.glacierAfterDays(),
                settings.expireAfterDays() == 0 ? null : settings.expireAfterDays()), accessLogs);

        LogGroup logGroup = new LogGroup(ctx.name("audit", "logs"), LogGroupArgs.builder()
                .namePrefix("/edp/" + ctx.settings().name() + "/" + ctx.settings().environment().id() + "/audit-")
                .retentionInDays(ctx.settings().functionDefaults().logRetentionDays())
                .kmsKeyId(key.arn())
                .tags(ctx.tags())
                .build(), ctx.options());
        LogStream logStream = new LogStream(ctx.name("audit", "log-stream"), LogStreamArgs.builder()
                .logGroupName(logGroup.name())
                .name("S3Delivery")
                .build(), ctx.options());

        Role role = new Role(ctx.name("audit", "role"), RoleArgs.builder()
                .description("Lets Firehose write the EDP audit trail")
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .forService("firehose.amazonaws.com")
                        // Firehose's documented confused-deputy guard: the external id is the account id.
                        .when("StringEquals", "sts:ExternalId", ctx.accountId())).toJson())
                .tags(ctx.tags())
                .build(), ctx.options());
        RolePolicy policy = new RolePolicy(ctx.name("audit", "policy"), RolePolicyArgs.builder()
                .role(role.id())
                .policy(PolicyDocument.of(
                        Statement.allow("s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject",
                                "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject")
                                .sid("WriteAuditObjects").on(bucket.arn(), bucket.objectsArn()),
                        Statement.allow("kms:Decrypt", "kms:GenerateDataKey").sid("EncryptAuditObjects")
                                .on(key.arn()),
                        Statement.allow("logs:PutLogEvents").sid("ReportDeliveryErrors")
                                .on(logGroup.arn().applyValue(arn -> arn + ":log-stream:*")))
                        .toJson())
                .build(), ctx.options());

        FirehoseDeliveryStream stream = new FirehoseDeliveryStream(ctx.name("audit", "stream"),
                FirehoseDeliveryStreamArgs.builder()
                        .destination("extended_s3")
                        .serverSideEncryption(FirehoseDeliveryStreamServerSideEncryptionArgs.builder()
                                .enabled(true)
                                .keyType("CUSTOMER_MANAGED_CMK")
                                .keyArn(key.arn())
                                .build())
                        .extendedS3Configuration(FirehoseDeliveryStreamExtendedS3ConfigurationArgs.builder()
                                .roleArn(role.arn())
                                .bucketArn(bucket.arn())
                                .prefix(PREFIX)
                                .errorOutputPrefix(ERROR_PREFIX)
                                .compressionFormat("GZIP")
                                .kmsKeyArn(key.arn())
                                .bufferingInterval(settings.bufferingSeconds())
                                .bufferingSize(settings.bufferingMb())
                                .cloudwatchLoggingOptions(
                                        FirehoseDeliveryStreamExtendedS3ConfigurationCloudwatchLoggingOptionsArgs
                                                .builder()
                                                .enabled(true)
                                                .logGroupName(logGroup.name())
                                                .logStreamName(logStream.name())
                                                .build())
                                .build())
                        .tags(ctx.tags())
                        .build(), ctx.options(policy));

        Role targetRole = new Role(ctx.name("audit-target", "role"), RoleArgs.builder()
                .description("Lets the EDP bus put events into the audit stream")
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .forService("events.amazonaws.com")
                        .when("StringEquals", "aws:SourceAccount", ctx.accountId())).toJson())
                .tags(ctx.tags())
                .build(), ctx.options());
        new RolePolicy(ctx.name("audit-target", "policy"), RolePolicyArgs.builder()
                .role(targetRole.id())
                .policy(PolicyDocument.of(Statement.allow("firehose:PutRecord", "firehose:PutRecordBatch")
                        .sid("PutAuditRecords").on(stream.arn())).toJson())
                .build(), ctx.options());

        // The one rule that matches everything: the audit trail must see every event.
        EventRule rule = EventRoutes.rule(ctx, ctx.name("audit", "rule"), bus.name(),
                Output.of(EventPatterns.everything()), "Audit catch-all: every event on the bus to the audit trail");
        var queues = ctx.settings().queueDefaults();
        EventTarget target = EventRoutes.target(ctx, ctx.name("audit", "target"), rule, bus.name(),
                EventRoutes.Delivery.to(stream.arn(), bus.eventsDlq().arn(), queues.targetRetryAttempts(),
                        queues.targetMaxEventAgeSeconds()).as(targetRole.arn()));
        return new AuditTrail(bucket, stream, role, rule, target);
    }
}
