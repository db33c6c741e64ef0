package dev.edp.pattern.storage;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.Environment;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * An S3 bucket with the defaults a reviewer demands: SSE-KMS with the pattern key (bucket keys on, to cut KMS
 * calls), versioning, all four public access blocks, a policy denying any request without TLS, and lifecycle rules
 * that clean up incomplete uploads and old versions (plus the caller's transitions), and server access logging to
 * the pattern's {@link AccessLogBucket} when it has one.
 */
public final class SecureBucket {

    /** Transitions and expiry of current objects; null fields mean "never". */
    public record Lifecycle(Integer infrequentAccessAfterDays, Integer glacierAfterDays, Integer expireAfterDays) {
        public static final Lifecycle NONE = new Lifecycle(null, null, null);
    }

    /** Noncurrent versions are kept this long: enough to undo a mistake, not forever. */
    static final int NONCURRENT_VERSION_DAYS = 30;

    private final BucketV2 bucket;
    private final BucketPolicy policy;

    private SecureBucket(BucketV2 bucket, BucketPolicy policy) {
        this.bucket = bucket;
        this.policy = policy;
    }

    public static SecureBucket create(PatternContext ctx, String purpose, Output<String> keyArn, Lifecycle lifecycle) {
        return create(ctx, purpose, keyArn, lifecycle, java.util.Optional.empty());
    }

    /** With {@code accessLogs} present, S3 server access logs of this bucket go there, under {@code <purpose>/}. */
    public static SecureBucket create(PatternContext ctx, String purpose, Output<String> keyArn, Lifecycle lifecycle,
                                      java.util.Optional<AccessLogBucket> accessLogs) {
        String name = ctx.name(purpose);
        BucketV2 bucket = new BucketV2(name, BucketV2Args.builder()
                // Throwaway dev stacks may be destroyed with their data; staging and prod keep theirs.
                .forceDestroy(ctx.settings().environment() == Environment.DEV)
                .tags(ctx.tags())
                .build(), ctx.options());

        new BucketServerSideEncryptionConfigurationV2(name + "-sse", BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(
                                BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                        .sseAlgorithm("aws:kms")
                                        .kmsMasterKeyId(keyArn)
                                        .build())
                        .bucketKeyEnabled(true)
                        .build())
                .build(), ctx.options());

        new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), ctx.options());

        BucketPublicAccessBlock publicAccessBlock = blockPublicAccess(ctx, name, bucket);

        // S3 rejects a bucket policy while the public access block is being written: order them.
        BucketPolicy policy = new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(tlsOnly(bucket.arn()).toJson())
                .build(), ctx.options(publicAccessBlock));

        new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(lifecycleRules(lifecycle))
                .build(), ctx.options(bucket));

        accessLogs.ifPresent(logs -> logs.logRequestsOf(purpose, bucket));
        return new SecureBucket(bucket, policy);
    }

    static PolicyDocument tlsOnly(Output<String> bucketArn) {
        return PolicyDocument.of(denyWithoutTls(bucketArn));
    }

    /** Denies every request to the bucket and its objects that does not use TLS. */
    static Statement denyWithoutTls(Output<String> bucketArn) {
        return Statement.deny("s3:*")
                .sid("DenyRequestsWithoutTls")
                .forEveryone()
                .on(bucketArn, bucketArn.applyValue(arn -> arn + "/*"))
                .when("Bool", "aws:SecureTransport", "false");
    }

    /** All four public access blocks on. */
    static BucketPublicAccessBlock blockPublicAccess(PatternContext ctx, String name, BucketV2 bucket) {
        return new BucketPublicAccessBlock(name + "-public-access-block", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), ctx.options());
    }

    private static List<BucketLifecycleConfigurationV2RuleArgs> lifecycleRules(Lifecycle lifecycle) {
        List<BucketLifecycleConfigurationV2RuleArgs> rules = new ArrayList<>();
        rules.add(BucketLifecycleConfigurationV2RuleArgs.builder()
                .id("abort-incomplete-uploads-and-expire-old-versions")
                .status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs
                        .builder().daysAfterInitiation(7).build())
                .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                        .noncurrentDays(NONCURRENT_VERSION_DAYS).build())
                .build());
        List<BucketLifecycleConfigurationV2RuleTransitionArgs> transitions = new ArrayList<>();
        if (lifecycle.infrequentAccessAfterDays() != null) {
            transitions.add(BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                    .days(lifecycle.infrequentAccessAfterDays()).storageClass("STANDARD_IA").build());
        }
        if (lifecycle.glacierAfterDays() != null) {
            transitions.add(BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                    .days(lifecycle.glacierAfterDays()).storageClass("GLACIER").build());
        }
        if (!transitions.isEmpty() || lifecycle.expireAfterDays() != null) {
            var rule = BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("tier-and-expire")
                    .status("Enabled")
                    .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                    .transitions(transitions);
            if (lifecycle.expireAfterDays() != null) {
                rule.expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                        .days(lifecycle.expireAfterDays()).build());
            }
            rules.add(rule.build());
        }
        return rules;
    }

    public BucketV2 bucket() {
        return bucket;
    }

    public Output<String> name() {
        return bucket.bucket();
    }

    public Output<String> arn() {
        return bucket.arn();
    }

    /** Objects in the bucket: {@code <arn>/*}. */
    public Output<String> objectsArn() {
        return bucket.arn().applyValue(arn -> arn + "/*");
    }

    public BucketRef ref() {
        return new BucketRef(name(), arn());
    }

    public BucketPolicy policy() {
        return policy;
    }
}
