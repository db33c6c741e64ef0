package dev.edp.testing;

import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Pulumi mocks that answer like AWS: every resource gets the computed outputs the provider would return (arn, id,
 * url, keyId, ...), so resources that reference each other are all created under the mock engine, and the invokes
 * the AWS SDK makes (caller identity, region, partition) are answered.
 *
 * <p>Physical names follow Pulumi's auto-naming (logical name + a suffix) but are deterministic, so two runs of the
 * same program give the same graph. Resources are recorded by {@link MockedProgram}; this class only answers.
 */
public class AwsMocks implements Mocks {

    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";

    private final String account;
    private final String region;

    public AwsMocks() {
        this(DEFAULT_ACCOUNT, DEFAULT_REGION);
    }

    public AwsMocks(String account, String region) {
        this.account = account;
        this.region = region;
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        Map<String, Object> state = new HashMap<>(args.inputs);
        String id = computeOutputs(args.type, args.name, state);
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        Map<String, Object> result = new HashMap<>();
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity" -> {
                result.put("accountId", account);
                result.put("arn", "arn:aws:iam::" + account + ":user/mock");
                result.put("userId", "AIDAMOCK");
                result.put("id", account);
            }
            case "aws:index/getRegion:getRegion" -> {
                result.put("name", region);
                result.put("id", region);
                result.put("description", "mock region");
                result.put("endpoint", "ec2." + region + ".amazonaws.com");
            }
            case "aws:index/getPartition:getPartition" -> {
                result.put("partition", "aws");
                result.put("id", "aws");
                result.put("dnsSuffix", "amazonaws.com");
                result.put("reverseDnsPrefix", "com.amazonaws");
            }
            default -> {
                // Unknown invokes answer empty, as an account with nothing in it would.
            }
        }
        return CompletableFuture.completedFuture(result);
    }

    /**
     * Fills {@code state} with the outputs AWS computes for a resource of {@code type} and returns its id.
     * Subclasses (the local sandbox) override this to create the resource on an emulator instead.
     */
    protected String computeOutputs(String type, String logicalName, Map<String, Object> state) {
        String name = physicalName(type, logicalName, state);
        String arnBase = ":" + region + ":" + account + ":";
        switch (type) {
            case "aws:kms/key:Key" -> {
                String keyId = uuidLike(logicalName);
                state.put("keyId", keyId);
                state.put("arn", "arn:aws:kms" + arnBase + "key/" + keyId);
                return keyId;
            }
            case "aws:kms/alias:Alias" -> {
                state.put("arn", "arn:aws:kms" + arnBase + name);
                state.put("targetKeyArn", "arn:aws:kms" + arnBase + "key/" + state.getOrDefault("targetKeyId", ""));
                return name;
            }
            case "aws:cloudwatch/eventBus:EventBus" -> {
                state.put("name", name);
                state.put("arn", "arn:aws:events" + arnBase + "event-bus/" + name);
                return name;
            }
            case "aws:cloudwatch/eventRule:EventRule" -> {
                String bus = (String) state.getOrDefault("eventBusName", "default");
                String path = "default".equals(bus) ? name : bus + "/" + name;
                state.put("name", name);
                state.put("arn", "arn:aws:events" + arnBase + "rule/" + path);
                return bus + "|" + name;
            }
            case "aws:cloudwatch/eventArchive:EventArchive" -> {
                state.put("name", name);
                state.put("arn", "arn:aws:events" + arnBase + "archive/" + name);
                return name;
            }
            case "aws:cloudwatch/logGroup:LogGroup" -> {
                state.put("name", name);
                state.put("arn", "arn:aws:logs" + arnBase + "log-group:" + name);
                return name;
            }
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> {
                state.put("name", name);
                state.put("arn", "arn:aws:cloudwatch" + arnBase + "alarm:" + name);
                return name;
            }
            case "aws:cloudwatch/dashboard:Dashboard" -> {
                state.put("dashboardName", name);
                state.put("dashboardArn", "arn:aws:cloudwatch::" + account + ":dashboard/" + name);
                return name;
            }
            case "aws:sqs/queue:Queue" -> {
                String url = "https://sqs." + region + ".amazonaws.com/" + account + "/" + name;
                state.put("name", name);
                state.put("arn", "arn:aws:sqs" + arnBase + name);
                state.put("url", url);
                return url;
            }
            case "aws:sns/topic:Topic" -> {
                String arn = "arn:aws:sns" + arnBase + name;
                state.put("name", name);
                state.put("arn", arn);
                return arn;
            }
            case "aws:sns/topicSubscription:TopicSubscription" -> {
                String arn = state.getOrDefault("topic", "arn:aws:sns" + arnBase + "topic") + ":" + uuidLike(logicalName);
                state.put("arn", arn);
                return arn;
            }
            case "aws:dynamodb/table:Table" -> {
                String arn = "arn:aws:dynamodb" + arnBase + "table/" + name;
                state.put("name", name);
                state.put("arn", arn);
                if (Boolean.TRUE.equals(state.get("streamEnabled"))) {
                    state.put("streamArn", arn + "/stream/2024-01-01T00:00:00.000");
                    state.put("streamLabel", "2024-01-01T00:00:00.000");
                }
                return name;
            }
            case "aws:lambda/function:Function" -> {
                String arn = "arn:aws:lambda" + arnBase + "function:" + name;
                state.put("name", name);
                state.put("arn", arn);
                state.put("qualifiedArn", arn + ":1");
                state.put("version", "1");
                state.put("invokeArn", "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + arn
                        + "/invocations");
                return name;
            }
            case "aws:lambda/alias:Alias" -> {
                // A qualified function ARN: the function's, then the alias name (functionName is a name or an ARN).
                String arn = lambdaFunctionArn(state.get("functionName"), arnBase) + ":" + name;
                state.put("arn", arn);
                state.put("invokeArn", "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + arn
                        + "/invocations");
                return arn;
            }
            case "aws:lambda/eventSourceMapping:EventSourceMapping" -> {
                String uuid = uuidLike(logicalName);
                state.put("uuid", uuid);
                // AWS answers the ARN of what functionName names: a function, or a version or alias of one.
                state.put("functionArn", lambdaFunctionArn(state.get("functionName"), arnBase));
                return uuid;
            }
            case "aws:iam/role:Role" -> {
                state.put("name", name);
                state.put("arn", "arn:aws:iam::" + account + ":role/" + name);
                state.put("uniqueId", "AROA" + uuidLike(logicalName).replace("-", "").substring(0, 17).toUpperCase());
                return name;
            }
            case "aws:sfn/stateMachine:StateMachine" -> {
                String arn = "arn:aws:states" + arnBase + "stateMachine:" + name;
                state.put("name", name);
                state.put("arn", arn);
                return arn;
            }
            case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream" -> {
                String arn = "arn:aws:firehose" + arnBase + "deliverystream/" + name;
                state.put("name", name);
                state.put("arn", arn);
                return arn;
            }
            case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> {
                state.put("bucket", name);
                state.put("arn", "arn:aws:s3:::" + name);
                state.put("bucketDomainName", name + ".s3.amazonaws.com");
                state.put("bucketRegionalDomainName", name + ".s3." + region + ".amazonaws.com");
                state.put("region", region);
                return name;
            }
            case "aws:schemas/registry:Registry" -> {
                state.put("name", name);
                state.put("arn", "arn:aws:schemas" + arnBase + "registry/" + name);
                return name;
            }
            case "aws:schemas/schema:Schema" -> {
                state.put("name", name);
                state.put("arn", "arn:aws:schemas" + arnBase + "schema/" + state.get("registryName") + "/" + name);
                state.put("version", "1");
                return name;
            }
            case "aws:schemas/discoverer:Discoverer" -> {
                String id = "events-event-bus-" + uuidLike(logicalName);
                state.put("arn", "arn:aws:schemas" + arnBase + "discoverer/" + id);
                return id;
            }
            default -> {
                if (!state.containsKey("arn") && type.startsWith("aws:")) {
                    String service = type.substring(4, type.indexOf('/'));
                    state.put("arn", "arn:aws:" + service + arnBase + name);
                }
                return name;
            }
        }
    }

    /** The name the provider would give: the explicit one if the program set it, else logical name + suffix. */
    /**
     * The ARN of what a Lambda {@code functionName} input names, as AWS resolves it: a name ({@code my-fn}), a name
     * with a qualifier ({@code my-fn:live}), a partial ARN ({@code 123456789012:function:my-fn}) or a full ARN, with or
     * without a qualifier: always {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}.
     */
    static String lambdaFunctionArn(Object functionName, String arnBase) {
        String value = String.valueOf(functionName);
        if (value.startsWith("arn:")) {
            return value;
        }
        int function = value.indexOf("function:");
        String nameAndQualifier = function >= 0 ? value.substring(function + "function:".length()) : value;
        return "arn:aws:lambda" + arnBase + "function:" + nameAndQualifier;
    }

    protected static String physicalName(String type, String logicalName, Map<String, Object> inputs) {
        String explicit = switch (type) {
            case "aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket" -> (String) inputs.get("bucket");
            case "aws:cloudwatch/dashboard:Dashboard" -> (String) inputs.get("dashboardName");
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> (String) inputs.get("name");
            default -> inputs.get("name") instanceof String s ? s : null;
        };
        if (explicit != null && !explicit.isEmpty()) {
            return explicit;
        }
        String suffix = hex(logicalName).substring(0, 7);
        if (inputs.get("namePrefix") instanceof String prefix && !prefix.isEmpty()) {
            return prefix + suffix;
        }
        String base = type.startsWith("aws:s3/") ? logicalName.toLowerCase() : logicalName;
        // pulumi-aws appends ".fifo" to the auto-name of a FIFO queue, as SQS requires.
        String fifo = type.equals("aws:sqs/queue:Queue") && Boolean.TRUE.equals(inputs.get("fifoQueue")) ? ".fifo" : "";
        return base + "-" + suffix + fifo;
    }

    private static String uuidLike(String seed) {
        String h = hex(seed);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20, 32);
    }

    private static String hex(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }
}
