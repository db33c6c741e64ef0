package dev.edp.pattern.sources;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.s3.BucketNotification;
import com.pulumi.aws.s3.BucketNotificationArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.bus.EventRoutes;
import dev.edp.pattern.config.PatternSettings.FileSourceSettings;
import dev.edp.pattern.consumers.ServiceRole;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.iam.Statement;
import dev.edp.pattern.storage.AccessLogBucket;
import dev.edp.pattern.storage.BucketRef;
import dev.edp.pattern.storage.SecureBucket;

import java.util.List;
import java.util.Optional;

/**
 * A file source: a bucket (created with EventBridge notifications on, or an existing one by name) whose uploads
 * become events on the pattern's bus.
 *
 * <p>S3 sends its "Object Created" events only to the account's <b>default</b> bus. A rule on the custom bus
 * never sees them: that was seed 001's silent failure. So a rule on the default bus matches this bucket's uploads
 * (prefix, suffixes) and forwards them, unchanged, to the pattern's bus, where consumers with
 * {@code fileSource: <name>} match them with the same pattern.
 */
public record FileSource(String name, BucketRef bucket, Optional<SecureBucket> createdBucket,
                         Optional<BucketNotification> notification, EventRule forwardingRule,
                         EventTarget forwardingTarget, Output<String> eventPattern) {

    public static final String DEFAULT_BUS = "default";

    public static FileSource create(PatternContext ctx, FileSourceSettings settings, SharedResources shared,
                                    Optional<AccessLogBucket> accessLogs) {
        Optional<SecureBucket> created = Optional.empty();
        Optional<BucketNotification> notification = Optional.empty();
        BucketRef bucket;
        if (settings.existingBucketName().isPresent()) {
            Output<String> name = settings.existingBucketName().get();
            bucket = new BucketRef(name, name.apply(n -> Output.format("arn:%s:s3:::%s", ctx.partition(), n)));
        } else {
            SecureBucket secure = SecureBucket.create(ctx, settings.name() + "-bucket", shared.key().arn(),
                    SecureBucket.Lifecycle.NONE, accessLogs);
            notification = Optional.of(new BucketNotification(ctx.name(settings.name() + "-bucket", "notifications"),
                    BucketNotificationArgs.builder()
                            .bucket(secure.bucket().id())
                            .eventbridge(true)
                            .build(), ctx.options()));
            created = Optional.of(secure);
            bucket = secure.ref();
        }
        Output<String> pattern = bucket.name().applyValue(bucketName ->
                EventPatterns.objectCreated(bucketName, settings.prefix(), settings.suffixes()));

        ServiceRole role = ServiceRole.create(ctx, settings.name() + "-forward", "events.amazonaws.com",
                "Lets the default bus forward " + settings.name() + " uploads to the EDP bus",
                List.of(Statement.allow("events:PutEvents").sid("ForwardToEdpBus").on(shared.bus().arn())));
        EventRule rule = EventRoutes.rule(ctx, ctx.name(settings.name() + "-forward", "rule"),
                Output.of(DEFAULT_BUS), pattern, "Forwards " + settings.name()
                        + " uploads from the default bus (the only bus S3 sends to) to the EDP bus");
        var queues = ctx.settings().queueDefaults();
        EventTarget target = EventRoutes.target(ctx, ctx.name(settings.name() + "-forward", "target"), rule,
                Output.of(DEFAULT_BUS), EventRoutes.Delivery.to(shared.bus().arn(), shared.bus().eventsDlq().arn(),
                        queues.targetRetryAttempts(), queues.targetMaxEventAgeSeconds()).as(role.arn()));
        shared.addFileSource(settings.name(), bucket, pattern);
        return new FileSource(settings.name(), bucket, created, notification, rule, target, pattern);
    }
}
