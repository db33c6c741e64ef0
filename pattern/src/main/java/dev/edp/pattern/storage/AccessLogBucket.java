package dev.edp.pattern.storage;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.BucketLoggingV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.Environment;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * The one bucket the pattern's buckets write their S3 server access logs to (as AWS Solutions Constructs does by
 * default). Rules from the Amazon S3 User Guide, "Enabling Amazon S3 server access logging" and "Permissions for log
 * delivery" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html):
 * <ul>
 *   <li>the logging service {@code logging.s3.amazonaws.com} writes under a bucket policy, with aws:SourceArn (the
 *       source buckets) and aws:SourceAccount, not ACLs: object ownership is BucketOwnerEnforced (ACLs off);</li>
 *   <li>default encryption SSE-KMS works with a customer managed key only (never the AWS managed aws/s3 key, which
 *       the logging service cannot be granted), and the key policy must let {@code logging.s3.amazonaws.com}
 *       generate data keys: {@link dev.edp.pattern.keys.PatternKey} adds that statement when access logs are on.
 *       (Older guides say SSE-S3 only; the AWS CDK, which follows the S3 rules, accepts a customer managed key for a
 *       log target and refuses only aws/s3.) So the log bucket is under the pattern key like every other;</li>
 *   <li>it must not log to itself (a loop of log records), so it has no logging of its own.</li>
 * </ul>
 * Versioned, public access blocked, requests without TLS denied, logs (and old versions) expire after {@code accessLogs.expireAfterDays}.
 */
public final class AccessLogBucket {

    private final BucketV2 bucket;
    private final PatternContext ctx;
    private final BucketPublicAccessBlock publicAccessBlock;
    private final List<Output<String>> sourceBucketArns = new ArrayList<>();

    private AccessLogBucket(PatternContext ctx, BucketV2 bucket, BucketPublicAccessBlock publicAccessBlock) {
        this.ctx = ctx;
        this.bucket = bucket;
        this.publicAccessBlock = publicAccessBlock;
    }

    public static AccessLogBucket create(PatternContext ctx, Output<String> keyArn) {
        String name = ctx.name("access-logs");
        BucketV2 bucket = new BucketV2(name, BucketV2Args.builder()
                .forceDestroy(ctx.settings().environment() == Environment.DEV)
                .tags(ctx.tags())
                .build(), ctx.options());
        new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), ctx.options());
        new BucketServerSideEncryptionConfigurationV2(name + "-sse",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                                                .builder().sseAlgorithm("aws:kms").kmsMasterKeyId(keyArn).build())
                                .bucketKeyEnabled(true)
                                .build())
                        .build(), ctx.options());
        // Versioned like the pattern's other buckets, so a deleted or overwritten log can be recovered for a while.
        new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled")
                        .build())
                .build(), ctx.options());
        BucketPublicAccessBlock publicAccessBlock = SecureBucket.blockPublicAccess(ctx, name, bucket);
        new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-access-logs")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                                .days(ctx.settings().accessLogs().expireAfterDays()).build())
                        .noncurrentVersionExpiration(
                                BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                        .noncurrentDays(SecureBucket.NONCURRENT_VERSION_DAYS).build())
                        .build())
                .build(), ctx.options(bucket));
        return new AccessLogBucket(ctx, bucket, publicAccessBlock);
    }

    /** Logs requests to {@code source} under {@code <purpose>/} of this bucket. */
    public BucketLoggingV2 logRequestsOf(String purpose, BucketV2 source) {
        sourceBucketArns.add(source.arn());
        return new BucketLoggingV2(ctx.name(purpose, "access-logging"), BucketLoggingV2Args.builder()
                .bucket(source.id())
                .targetBucket(bucket.id())
                .targetPrefix(purpose + "/")
                .build(), ctx.options());
    }

    /** The bucket policy, once every source bucket is known: the logging service may write for exactly those. */
    public BucketPolicy allowLogDelivery() {
        Output<String> objects = bucket.arn().applyValue(arn -> arn + "/*");
        List<Statement> statements = new ArrayList<>();
        if (!sourceBucketArns.isEmpty()) {
            statements.add(Statement.allow("s3:PutObject")
                    .sid("S3LogsRequestsOfThePatternsBuckets")
                    .forService("logging.s3.amazonaws.com")
                    .on(objects)
                    .when("ArnLike", "aws:SourceArn", sourceBucketArns.toArray(Output[]::new))
                    .when("StringEquals", "aws:SourceAccount", ctx.accountId()));
        }
        statements.add(SecureBucket.denyWithoutTls(bucket.arn()));
        // S3 rejects a bucket policy while the public access block is being written: order them.
        return new BucketPolicy(ctx.name("access-logs", "policy"), BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(PolicyDocument.of(statements).toJson())
                .build(), ctx.options(publicAccessBlock));
    }

    public BucketV2 bucket() {
        return bucket;
    }
}
