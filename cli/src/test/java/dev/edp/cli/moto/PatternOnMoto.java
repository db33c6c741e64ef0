package dev.edp.cli.moto;

import com.pulumi.asset.FileArchive;
import dev.edp.cli.synth.Stacks;
import dev.edp.events.StackExports;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.BucketArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FileSourceArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.reference.RuntimeHandlers;
import dev.edp.sandbox.Sandbox;
import dev.edp.sandbox.program.StackFiles;
import dev.edp.sandbox.program.StackProgram;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventDrivenPattern's real graph on moto, for harnesses that drive the runtime's handlers themselves: the given
 * consumers (only those the test class needs, to keep the deploy short) deployed by the sandbox's deploy, as the
 * sandbox's administrator, once per test class. The test reads every physical name, URL and ARN from here (the
 * component's outputs and the deployment), never from values copied from the pattern.
 *
 * <p>No function runs and no event source mapping polls: the test is the event source mapping. The bus's rules
 * into SQS queues are delivered by moto itself (their real patterns and targets, attached here on the custom bus,
 * which the sandbox leaves to its own event bus); other targets (a state machine) are not attached.
 */
public final class PatternOnMoto implements AutoCloseable {

    private static final String BUS = "aws:cloudwatch/eventBus:EventBus";
    private static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";

    private static final java.time.Duration EMPTYING = java.time.Duration.ofSeconds(30);

    /** One of the bus's rules as deployed: its bus, name, pattern and target ARN. */
    public record Rule(String bus, String name, String pattern, String targetArn) {
    }

    private final Sandbox sandbox;
    private final Map<String, Object> exports;
    private final MotoClients aws;
    private final List<Rule> rules = new ArrayList<>();
    private List<KeySchemaElement> keySchema;

    private PatternOnMoto(Sandbox sandbox, Map<String, Object> exports) {
        this.sandbox = sandbox;
        this.exports = exports;
        this.aws = new MotoClients(sandbox.aws());
    }

    /** Deploys {@code consumers} in the dev environment, as component {@code component}; every function runs EDP's runtime jar. */
    public static PatternOnMoto deploy(String component, List<ConsumerArgs> consumers) {
        return deploy(component, consumers, List.of(), List.of(), true);
    }

    /**
     * Deploys {@code consumers}, their file sources and data buckets. With {@code motoDeliversCustomBus} false the
     * custom bus's rules keep no targets in moto (as the sandbox deploys them): moto sends S3's events to every
     * bus's rules (AWS: the default bus only), so a harness of file sources delivers on the custom bus itself, from
     * the sandbox's forward taps ({@link #forwardTap()}), which receive exactly what the default bus forwards.
     */
    public static PatternOnMoto deploy(String component, List<ConsumerArgs> consumers, List<FileSourceArgs> fileSources,
                                       List<BucketArgs> buckets, boolean motoDeliversCustomBus) {
        Sandbox sandbox = Sandbox.start(0, "us-east-1");
        try {
            StackProgram program = new StackProgram("PatternOnMoto::" + component, Stacks.projectDir(),
                    new StackFiles(component, "dev", Map.of("aws:region", "us-east-1")), ctx -> {
                String jar = Stacks.projectDir().resolve(RuntimeHandlers.DEFAULT_JAR).toAbsolutePath().toString();
                var edp = new EventDrivenPattern(component, EventDrivenPatternArgs.builder()
                        .environment("dev")
                        .functionDefaults(FunctionArgs.builder().code(new FileArchive(jar)).build())
                        .consumers(consumers.toArray(ConsumerArgs[]::new))
                        .fileSources(fileSources)
                        .buckets(buckets)
                        .build(), null);
                ctx.export(StackExports.BUS_NAME, edp.busName());
                ctx.export(StackExports.BUS_ARN, edp.busArn());
                ctx.export(StackExports.ARCHIVE_NAME, edp.archiveName());
                ctx.export(StackExports.LOG_GROUP_NAMES, edp.logGroupNames());
                ctx.export(StackExports.EVENTS_DEAD_LETTER_QUEUE_URL, edp.eventsDeadLetterQueueUrl());
                ctx.export(StackExports.BUCKET_NAMES, edp.bucketNames());
                ctx.export(StackExports.TABLE_NAME, edp.tableName());
                ctx.export(StackExports.NOTIFICATIONS_TOPIC_ARN, edp.notificationsTopicArn());
                ctx.export(StackExports.QUEUE_URLS, edp.queueUrls());
                ctx.export(StackExports.DEAD_LETTER_QUEUE_URLS, edp.deadLetterQueueUrls());
                ctx.export(StackExports.FUNCTION_ARNS, edp.functionArns());
                ctx.export(StackExports.STATE_MACHINE_ARNS, edp.stateMachineArns());
            });
            long started = System.nanoTime();
            PatternOnMoto deployed = new PatternOnMoto(sandbox, sandbox.deploy(program).exports());
            // A figure for docs/benchmarks.md, not an assertion.
            System.out.printf("PatternOnMoto: %s with %d consumers deployed onto moto in %d ms%n", component,
                    consumers.size(), (System.nanoTime() - started) / 1_000_000);
            deployed.readRules(motoDeliversCustomBus);
            return deployed;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** The graph's rules on its custom bus; those with an SQS target attached in moto when moto is to deliver them. */
    private void readRules(boolean attachQueueTargets) {
        ResourceGraph graph = sandbox.stack().graph();
        for (GraphResource target : graph.ofType(TARGET)) {
            Optional<GraphResource> rule = graph.sourcesOf(target, "rule").stream().findFirst();
            Optional<GraphResource> bus = rule.flatMap(r -> graph.sourcesOf(r, "eventBusName").stream().findFirst());
            if (rule.isEmpty() || bus.isEmpty() || !bus.get().type().equals(BUS)) {
                continue;
            }
            String busName = sandbox.stack().deployment().id(BUS, bus.get().name());
            String ruleName = target.string("rule");
            String arn = target.string("arn");
            rules.add(new Rule(busName, ruleName, rule.get().string("eventPattern"), arn));
            if (attachQueueTargets && arn.startsWith("arn:aws:sqs:")) {
                String id = target.string("targetId") != null ? target.string("targetId") : ruleName + "-queue";
                aws.events.putTargets(b -> b.eventBusName(busName).rule(ruleName)
                        .targets(Target.builder().id(id).arn(arn).build()));
            }
        }
        if (attachQueueTargets && graph.ofType(RULE).isEmpty()) {
            throw new IllegalStateException("the deployed graph has no rules");
        }
    }

    /** Clients signed by the sandbox's administrator (IAM is enforced: moto refuses unknown keys). */
    public MotoClients aws() {
        return aws;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public String busName() {
        return String.valueOf(exports.get(StackExports.BUS_NAME));
    }

    public String tableName() {
        return String.valueOf(exports.get(StackExports.TABLE_NAME));
    }

    public String busArn() {
        return String.valueOf(exports.get(StackExports.BUS_ARN));
    }

    /** A file source's or data bucket's physical name, by its name in the pattern's args. */
    public String bucketName(String name) {
        return output(StackExports.BUCKET_NAMES, name);
    }

    /** A consumer's function's log group, by consumer name. */
    public String logGroupName(String consumer) {
        return output(StackExports.LOG_GROUP_NAMES, consumer);
    }

    /** The stack's exports, as {@code pulumi stack output} would list them (the sandbox file's outputs). */
    public Map<String, Object> exports() {
        return Map.copyOf(exports);
    }

    /** The sandbox's tap on the default bus's rule forwarding to the custom bus: exactly what that rule forwards. */
    public MotoResources.Queue forwardTap() {
        var tap = sandbox.stack().taps().taps().get(busArn());
        if (tap == null) {
            throw new IllegalStateException("no rule of the default bus forwards to " + busArn());
        }
        return new MotoResources.Queue(tap.queueUrl(), tap.queueArn());
    }

    public String topicArn() {
        return String.valueOf(exports.get(StackExports.NOTIFICATIONS_TOPIC_ARN));
    }

    /** A consumer's queue, by consumer name. */
    public MotoResources.Queue queue(String consumer) {
        return queueAt(output(StackExports.QUEUE_URLS, consumer));
    }

    /** A consumer's dead-letter queue, by consumer name. */
    public MotoResources.Queue deadLetterQueue(String consumer) {
        return queueAt(output(StackExports.DEAD_LETTER_QUEUE_URLS, consumer));
    }

    /** A function's ARN, by the key the component gives it in {@code functionArns}. */
    public Map<String, String> functionArns() {
        return map(StackExports.FUNCTION_ARNS);
    }

    public Map<String, String> stateMachineArns() {
        return map(StackExports.STATE_MACHINE_ARNS);
    }

    /** The bus's rules as deployed. */
    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The maxReceiveCount of a consumer's queue, read from its redrive policy. */
    public int maxReceiveCount(String consumer) {
        String policy = aws.sqs.getQueueAttributes(b -> b.queueUrl(queue(consumer).url())
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("\"maxReceiveCount\"\\s*:\\s*\"?(\\d+)").matcher(policy);
        if (!count.find()) {
            throw new IllegalStateException(consumer + "'s queue has no maxReceiveCount: " + policy);
        }
        return Integer.parseInt(count.group(1));
    }

    /** The table's key of one item: its partition and sort key values, under the table's own key names. */
    public Map<String, AttributeValue> key(String partition, String sort) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (KeySchemaElement element : keySchema()) {
            key.put(element.attributeName(), AttributeValue.builder()
                    .s(element.keyType() == KeyType.HASH ? partition : sort).build());
        }
        return key;
    }

    private List<KeySchemaElement> keySchema() {
        // Read once: the deployed table's keys do not change, and every call costs a signature check.
        if (keySchema == null) {
            keySchema = aws.dynamo.describeTable(b -> b.tableName(tableName())).table().keySchema();
        }
        return keySchema;
    }

    /**
     * Empties the account's data between tests (the resources stay): every queue emptied (received and deleted:
     * SQS admits one PurgeQueue a minute), every object version of every bucket and every item of the table deleted.
     */
    public void clear() {
        aws.sqs.listQueues().queueUrls().forEach(this::empty);
        aws.s3.listBuckets().buckets().forEach(bucket -> aws.s3.listObjectVersionsPaginator(b -> b.bucket(bucket.name()))
                .forEach(page -> {
                    page.versions().forEach(v -> aws.s3.deleteObject(b -> b.bucket(bucket.name()).key(v.key()).versionId(v.versionId())));
                    page.deleteMarkers().forEach(m -> aws.s3.deleteObject(b -> b.bucket(bucket.name()).key(m.key()).versionId(m.versionId())));
                }));
        emptyTable();
    }

    /** Deletes every item of the table, 25 a call (BatchWriteItem's most: every call costs a signature check). */
    public void emptyTable() {
        List<String> keys = keySchema().stream().map(KeySchemaElement::attributeName).toList();
        List<WriteRequest> deletes = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        keys.forEach(k -> names.put("#k" + names.size(), k));
        aws.dynamo.scanPaginator(b -> b.tableName(tableName()).projectionExpression(String.join(", ", names.keySet()))
                        .expressionAttributeNames(names))
                .items().forEach(item -> {
                    Map<String, AttributeValue> key = new LinkedHashMap<>();
                    keys.forEach(k -> key.put(k, item.get(k)));
                    deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
                });
        for (int from = 0; from < deletes.size(); from += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(tableName(), deletes.subList(from, Math.min(deletes.size(), from + 25)));
            while (!batch.isEmpty()) {
                Map<String, List<WriteRequest>> request = batch;
                batch = aws.dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    /** Receives and deletes until nothing is visible or in flight (a failed record is in flight for a second). */
    public void empty(String url) {
        long deadline = System.nanoTime() + EMPTYING.toNanos();
        while (messages(url) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " still holds messages after " + EMPTYING);
            }
            List<Message> received = aws.sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (!received.isEmpty()) {
                List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
                received.forEach(m -> deletes.add(DeleteMessageBatchRequestEntry.builder().id("m" + deletes.size())
                        .receiptHandle(m.receiptHandle()).build()));
                aws.sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(deletes));
            }
        }
    }

    private int messages(String url) {
        Map<QueueAttributeName, String> counts = aws.sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return counts.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private MotoResources.Queue queueAt(String url) {
        String arn = aws.sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new MotoResources.Queue(url, arn);
    }

    private String output(String output, String consumer) {
        String value = map(output).get(consumer);
        if (value == null) {
            throw new IllegalArgumentException("no " + output + " for consumer " + consumer + ": " + map(output).keySet());
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> map(String output) {
        Object value = exports.get(output);
        return value == null ? Map.of() : (Map<String, String>) value;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
