package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.Tag;

import java.util.Map;
import java.util.Set;

import static dev.edp.sandbox.deploy.PendingResource.whole;

/**
 * The audit stream. moto's Firehose writes each PutRecord(Batch) to the destination bucket at once: no buffering,
 * no GZIP, and the prefix's {@code !{timestamp:...}} expressions are kept literally (then {@code YYYY/MM/DD/HH/}).
 */
public final class FirehoseResources implements ResourceCreator {

    static final String STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

    /** What moto's Firehose does differently, shown in the deploy summary. */
    static final String DEVIATIONS = "moto writes each record batch to S3 at once: no buffering, no GZIP, prefix"
            + " expressions kept literally";

    private final FirehoseClient firehose;

    public FirehoseResources(FirehoseClient firehose) {
        this.firehose = firehose;
    }

    @Override
    public Set<String> types() {
        return Set.of(STREAM);
    }

    @Override
    public Placed create(PendingResource r) {
        String destination = r.required("destination");
        if (!destination.equals("extended_s3")) {
            return Placed.notEmulated(r.mockId(), "only extended_s3 destinations are emulated, not " + destination);
        }
        String name = r.name();
        Map<String, Object> s3 = r.object("extendedS3Configuration");
        ExtendedS3DestinationConfiguration.Builder target = ExtendedS3DestinationConfiguration.builder()
                .roleARN(text(s3, "roleArn"))
                .bucketARN(text(s3, "bucketArn"))
                .prefix(text(s3, "prefix"))
                .errorOutputPrefix(text(s3, "errorOutputPrefix"))
                .compressionFormat(text(s3, "compressionFormat"))
                .bufferingHints(h -> h.intervalInSeconds(whole(s3.get("bufferingInterval")))
                        .sizeInMBs(whole(s3.get("bufferingSize"))));
        if (s3.get("kmsKeyArn") != null) {
            target.encryptionConfiguration(e -> e.kmsEncryptionConfig(k -> k.awskmsKeyARN(text(s3, "kmsKeyArn"))));
        }
        Map<String, Object> logging = PendingResource.object(s3, "cloudwatchLoggingOptions");
        if (!logging.isEmpty()) {
            target.cloudWatchLoggingOptions(l -> l.enabled(Boolean.TRUE.equals(logging.get("enabled")))
                    .logGroupName(text(logging, "logGroupName")).logStreamName(text(logging, "logStreamName")));
        }
        CreateDeliveryStreamRequest.Builder request = CreateDeliveryStreamRequest.builder().deliveryStreamName(name)
                .deliveryStreamType("DirectPut")
                .extendedS3DestinationConfiguration(target.build())
                .tags(r.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList());
        Map<String, Object> sse = r.object("serverSideEncryption");
        if (Boolean.TRUE.equals(sse.get("enabled"))) {
            request.deliveryStreamEncryptionConfigurationInput(e -> e.keyType(text(sse, "keyType")).keyARN(text(sse, "keyArn")));
        }
        String arn = firehose.createDeliveryStream(request.build()).deliveryStreamARN();
        r.put("name", name);
        r.put("arn", arn);
        return Placed.onEmulator(arn, DEVIATIONS);
    }

    private static String text(Map<String, Object> map, String key) {
        return PendingResource.text(map.get(key));
    }

}
