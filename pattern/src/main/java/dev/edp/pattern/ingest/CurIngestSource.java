package dev.edp.pattern.ingest;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.s3.BucketNotification;
import com.pulumi.aws.s3.BucketNotificationArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.bus.EventBusResources;
import dev.edp.pattern.bus.EventRoutes;
import dev.edp.pattern.config.PatternSettings.CurIngestSettings;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;
import dev.edp.pattern.keys.PatternKey;
import dev.edp.pattern.storage.BucketRef;
import dev.edp.pattern.storage.SecureBucket;

import java.util.Optional;

/**
 * Where cost reports enter: the ingest bucket (created, or an existing one by name) with EventBridge notifications
 * on, the curated data-lake bucket the CUR consumer writes to, and the rule that makes seed 001 work.
 *
 * <p>S3 sends its "Object Created" events only to the account's <b>default</b> bus. A rule on the custom bus
 * never sees them: that was seed 001's silent failure. So a rule on the default bus matches this bucket's
 * cost-report uploads and forwards them, unchanged, to the custom bus, where the {@code cur-ingest} consumer's
 * rule (the same pattern) routes them to its queue.
 */
public record CurIngestSource(BucketRef ingestBucket, Optional<SecureBucket> createdIngestBucket,
                              SecureBucket curatedBucket, Optional<BucketNotification> notification,
                              EventRule forwardingRule, EventTarget forwardingTarget, Role forwardingRole,
                              Output<String> eventPattern) {

    public static final String DEFAULT_BUS = "default";

    public static CurIngestSource create(PatternContext ctx, PatternKey key, EventBusResources bus,
                                         Optional<dev.edp.pattern.storage.AccessLogBucket> accessLogs) {
        CurIngestSettings settings = ctx.settings().curIngest();
        Optional<SecureBucket> created = Optional.empty();
        Optional<BucketNotification> notification = Optional.empty();
        BucketRef ingest;
        if (settings.existingBucketName().isPresent()) {
            String name = settings.existingBucketName().get();
            ingest = new BucketRef(Output.of(name), Output.format("arn:%s:s3:::%s", ctx.partition(), name));
        } else {
            SecureBucket bucket = SecureBucket.create(ctx, "cur-ingest-bucket", key.arn(), SecureBucket.Lifecycle.NONE,
                    accessLogs);
            notification = Optional.of(new BucketNotification(ctx.name("cur-ingest-bucket", "notifications"),
                    BucketNotificationArgs.builder()
                            .bucket(bucket.bucket().id())
                            .eventbridge(true)
                            .build(), ctx.options()));
            created = Optional.of(bucket);
            ingest = bucket.ref();
        }
        SecureBucket curated = SecureBucket.create(ctx, "cur-curated-bucket", key.arn(), SecureBucket.Lifecycle.NONE,
                accessLogs);

        Output<String> pattern = ingest.name()
                .applyValue(bucketName -> EventPatterns.objectCreated(bucketName, settings.suffixes()));

        Role role = new Role(ctx.name("cur-forward", "role"), RoleArgs.builder()
                .description("Lets the default bus forward cost-report uploads to the EDP bus")
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .forService("events.amazonaws.com")
                        .when("StringEquals", "aws:SourceAccount", ctx.accountId())).toJson())
                .tags(ctx.tags())
                .build(), ctx.options());
        new RolePolicy(ctx.name("cur-forward", "policy"), RolePolicyArgs.builder()
                .role(role.id())
                .policy(PolicyDocument.of(Statement.allow("events:PutEvents").sid("ForwardToEdpBus")
                        .on(bus.arn())).toJson())
                .build(), ctx.options());

        EventRule rule = EventRoutes.rule(ctx, ctx.name("cur-forward", "rule"), Output.of(DEFAULT_BUS), pattern,
                "Forwards cost-report uploads from the default bus (the only bus S3 sends to) to the EDP bus");
        var queues = ctx.settings().queueDefaults();
        EventTarget target = EventRoutes.target(ctx, ctx.name("cur-forward", "target"), rule, Output.of(DEFAULT_BUS),
                EventRoutes.Delivery.to(bus.arn(), bus.eventsDlq().arn(), queues.targetRetryAttempts(),
                        queues.targetMaxEventAgeSeconds()).as(role.arn()));
        return new CurIngestSource(ingest, created, curated, notification, rule, target, role, pattern);
    }
}
