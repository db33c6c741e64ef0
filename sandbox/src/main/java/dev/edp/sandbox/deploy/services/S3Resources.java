package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.EventBridgeConfiguration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TopicConfiguration;
import software.amazon.awssdk.services.s3.model.Transition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.edp.sandbox.deploy.PendingResource.whole;

import static dev.edp.sandbox.deploy.PendingResource.object;

/**
 * Buckets and their settings as separate resources, the way the stack declares them: encryption (SSE-KMS with the
 * pattern key), versioning, public access block, policy, lifecycle, and the EventBridge notifications that make an
 * upload an "Object Created" event on the default bus.
 */
public final class S3Resources implements ResourceCreator {

    static final String BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
    static final String BUCKET = "aws:s3/bucket:Bucket";
    static final String ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    static final String VERSIONING = "aws:s3/bucketVersioningV2:BucketVersioningV2";
    static final String PUBLIC_ACCESS = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    static final String POLICY = "aws:s3/bucketPolicy:BucketPolicy";
    static final String LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    static final String NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";

    private final S3Client s3;
    private final String region;

    public S3Resources(S3Client s3, String region) {
        this.s3 = s3;
        this.region = region;
    }

    @Override
    public Set<String> types() {
        return Set.of(BUCKET_V2, BUCKET, ENCRYPTION, VERSIONING, PUBLIC_ACCESS, POLICY, LIFECYCLE, NOTIFICATION);
    }

    @Override
    public Placed create(PendingResource r) {
        String bucket = r.type().equals(BUCKET_V2) || r.type().equals(BUCKET) ? r.mockId() : r.required("bucket");
        switch (r.type()) {
            case BUCKET_V2, BUCKET -> {
                s3.createBucket(b -> {
                    b.bucket(bucket);
                    if (!region.equals("us-east-1")) {
                        b.createBucketConfiguration(c -> c.locationConstraint(region));
                    }
                });
                if (!r.tags().isEmpty()) {
                    s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(r.tags().entrySet().stream()
                            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
                }
                return Placed.onEmulator(bucket);
            }
            case ENCRYPTION -> {
                List<ServerSideEncryptionRule> rules = new ArrayList<>();
                for (Object o : r.list("rules")) {
                    @SuppressWarnings("unchecked") Map<String, Object> rule = (Map<String, Object>) o;
                    Map<String, Object> byDefault = object(rule, "applyServerSideEncryptionByDefault");
                    rules.add(ServerSideEncryptionRule.builder()
                            .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(String.valueOf(byDefault.get("sseAlgorithm")))
                                    .kmsMasterKeyID(byDefault.get("kmsMasterKeyId") == null ? null
                                            : byDefault.get("kmsMasterKeyId").toString()))
                            .bucketKeyEnabled(Boolean.TRUE.equals(rule.get("bucketKeyEnabled")))
                            .build());
                }
                s3.putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(rules)));
                return Placed.onEmulator(bucket, "stored; moto keeps objects unencrypted");
            }
            case VERSIONING -> {
                Object status = r.object("versioningConfiguration").get("status");
                s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(String.valueOf(status))));
                return Placed.onEmulator(bucket);
            }
            case PUBLIC_ACCESS -> {
                s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c
                        .blockPublicAcls(r.flag("blockPublicAcls")).blockPublicPolicy(r.flag("blockPublicPolicy"))
                        .ignorePublicAcls(r.flag("ignorePublicAcls")).restrictPublicBuckets(r.flag("restrictPublicBuckets"))));
                return Placed.onEmulator(bucket);
            }
            case POLICY -> {
                // moto 5.2.5 evaluates bucket policies on object requests but not their conditions: a Deny whose
                // condition it cannot evaluate (aws:SecureTransport) denies every request. Applied, the TLS-only
                // policy would block every upload and read; so it is left out, and said so.
                return Placed.notEmulated(bucket, "not applied: moto denies every object request under a Deny"
                        + " statement whose condition (aws:SecureTransport) it cannot evaluate; checked by the policy pack");
            }
            case LIFECYCLE -> {
                List<LifecycleRule> rules = new ArrayList<>();
                for (Object o : r.list("rules")) {
                    @SuppressWarnings("unchecked") Map<String, Object> rule = (Map<String, Object>) o;
                    rules.add(lifecycleRule(rule));
                }
                s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                        .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build()));
                return Placed.onEmulator(bucket, "stored; moto never transitions or expires objects");
            }
            default -> {
                return notification(r, bucket);
            }
        }
    }

    private static LifecycleRule lifecycleRule(Map<String, Object> rule) {
        LifecycleRule.Builder builder = LifecycleRule.builder().id(String.valueOf(rule.get("id")))
                .status(String.valueOf(rule.get("status")))
                .filter(f -> f.prefix(String.valueOf(object(rule, "filter").getOrDefault("prefix", ""))));
        Map<String, Object> abort = object(rule, "abortIncompleteMultipartUpload");
        if (!abort.isEmpty()) {
            builder.abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(whole(abort.get("daysAfterInitiation"))));
        }
        Map<String, Object> noncurrent = object(rule, "noncurrentVersionExpiration");
        if (!noncurrent.isEmpty()) {
            builder.noncurrentVersionExpiration(n -> n.noncurrentDays(whole(noncurrent.get("noncurrentDays"))));
        }
        Map<String, Object> expiration = object(rule, "expiration");
        if (!expiration.isEmpty()) {
            builder.expiration(e -> e.days(whole(expiration.get("days"))));
        }
        if (rule.get("transitions") instanceof List<?> transitions && !transitions.isEmpty()) {
            builder.transitions(transitions.stream().map(t -> {
                @SuppressWarnings("unchecked") Map<String, Object> transition = (Map<String, Object>) t;
                return Transition.builder().days(whole(transition.get("days")))
                        .storageClass(String.valueOf(transition.get("storageClass"))).build();
            }).toList());
        }
        return builder.build();
    }

    private Placed notification(PendingResource r, String bucket) {
        NotificationConfiguration.Builder config = NotificationConfiguration.builder();
        if (r.flag("eventbridge")) {
            config.eventBridgeConfiguration(EventBridgeConfiguration.builder().build());
        }
        List<QueueConfiguration> queues = new ArrayList<>();
        for (Object o : r.list("queues")) {
            @SuppressWarnings("unchecked") Map<String, Object> q = (Map<String, Object>) o;
            queues.add(QueueConfiguration.builder().queueArn(String.valueOf(q.get("queueArn")))
                    .eventsWithStrings(strings(q.get("events"))).build());
        }
        List<TopicConfiguration> topics = new ArrayList<>();
        for (Object o : r.list("topics")) {
            @SuppressWarnings("unchecked") Map<String, Object> t = (Map<String, Object>) o;
            topics.add(TopicConfiguration.builder().topicArn(String.valueOf(t.get("topicArn")))
                    .eventsWithStrings(strings(t.get("events"))).build());
        }
        config.queueConfigurations(queues).topicConfigurations(topics);
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(config.build()));
        return r.list("lambdaFunctions").isEmpty() ? Placed.onEmulator(bucket)
                : Placed.onEmulator(bucket, "Lambda notifications not emulated (moto runs functions only in Docker)");
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

}
