package dev.edp.sandbox.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Buckets the program uses but does not own: a file source on an existing bucket (another stack's, given by name)
 * is a forwarding rule on the default bus matching S3's "Object Created" events of that bucket, with no bucket in
 * the graph. On AWS the bucket exists and its owner has turned on its EventBridge notifications; in the sandbox
 * nothing would, so the sandbox creates a bucket of that name on moto with EventBridge notifications on, and lists it
 * as its own plumbing ("stands in for an existing resource"), never as part of the stack. An upload to it then
 * travels as on AWS: S3 → default bus → the program's forwarding rule → the pattern's bus.
 */
public final class StandInBuckets {

    static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StandInBuckets() {
    }

    /** Creates the stand-ins of the graph's referenced, unowned buckets; returns their names. */
    public static Set<String> create(ResourceGraph graph, S3Client s3, Deployment deployment) {
        Set<String> existing = s3.listBuckets().buckets().stream().map(Bucket::name).collect(Collectors.toSet());
        Set<String> created = new TreeSet<>();
        for (String bucket : referenced(graph)) {
            if (existing.contains(bucket)) {
                continue;
            }
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                    .notificationConfiguration(n -> n.eventBridgeConfiguration(e -> { })));
            deployment.plumbing("bucket " + bucket + " (EventBridge notifications on)",
                    "stands in for an existing resource: the program reads this bucket's uploads but does not own it");
            created.add(bucket);
        }
        return created;
    }

    /** The bucket names S3-event rules on the default bus match ({@code detail.bucket.name}). */
    static Set<String> referenced(ResourceGraph graph) {
        Set<String> buckets = new TreeSet<>();
        for (GraphResource rule : graph.ofType(RULE)) {
            String bus = rule.string("eventBusName");
            String pattern = rule.string("eventPattern");
            if ((bus != null && !bus.equals("default")) || pattern == null) {
                continue;
            }
            try {
                JsonNode p = JSON.readTree(pattern);
                if (!contains(p.path("source"), "aws.s3")) {
                    continue;
                }
                for (JsonNode name : p.path("detail").path("bucket").path("name")) {
                    if (name.isTextual()) {
                        buckets.add(name.asText());
                    }
                }
            } catch (IOException e) {
                // not JSON: the deploy has already refused it
            }
        }
        return buckets;
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (value.equals(v.asText())) {
                return true;
            }
        }
        return false;
    }
}
