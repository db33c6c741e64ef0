package dev.edp.cli.ops;

import dev.edp.events.QueueDefaults;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.CliRun;
import dev.edp.cli.moto.MotoClients;
import dev.edp.cli.moto.PatternOnMoto;
import dev.edp.events.StackExports;
import dev.edp.sandbox.SandboxFile;
import dev.edp.testing.MotoServer;
import picocli.CommandLine;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A stack's operational resources on moto and the {@code build/local/<stack>/sandbox.json} a running
 * {@code ./edp local} writes ({@link SandboxFile}), so tests run the real commands with {@code --local}. Either the
 * pattern's real graph deployed onto the sandbox ({@link #of(PatternOnMoto, Path)}: the deployment's outputs and
 * the administrator's key, IAM enforced), or, for the commands' own tests on a plain moto, resources shaped by hand
 * ({@link #withConsumers}: per consumer a queue whose redrive policy sends to its DLQ after the pattern's
 * maxReceiveCount, a log group; the events DLQ; the table with pk/sk and TTL).
 */
public final class OpsSandbox {

    public static final String STACK = "dev";
    public static final int MAX_RECEIVE_COUNT = QueueDefaults.MAX_RECEIVE_COUNT; // the pattern's default, which these harnesses copy
    static final String LOG_STREAM = "2026/01/01/[$LATEST]local";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String accessKeyId;
    private final String secretAccessKey;
    public final SqsClient sqs;
    public final DynamoDbClient dynamo;
    public final CloudWatchLogsClient logs;
    public final EventBridgeClient events;
    public final Path projectDir;
    public String tableName = "edp-dev-state";
    public final Map<String, String> queueUrls = new LinkedHashMap<>();
    public final Map<String, String> deadLetterQueueUrls = new LinkedHashMap<>();
    public final Map<String, String> logGroupNames = new LinkedHashMap<>();
    public String eventsDeadLetterQueueUrl;
    private final ObjectNode extraOutputs = JSON.createObjectNode();

    public OpsSandbox(MotoServer moto, Path projectDir) {
        this(new MotoClients(moto), moto.endpoint(), null, null, projectDir);
    }

    private OpsSandbox(MotoClients aws, URI endpoint, String accessKeyId, String secretAccessKey, Path projectDir) {
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.projectDir = projectDir;
        this.sqs = aws.sqs;
        this.dynamo = aws.dynamo;
        this.logs = aws.logs;
        this.events = aws.events;
    }

    /**
     * The sandbox of a deployed pattern: every output as the deployment exports it, the sandbox file signed with the
     * administrator's key; a log stream in each function's log group, for {@link #shipLogs}.
     */
    @SuppressWarnings("unchecked")
    public static OpsSandbox of(PatternOnMoto pattern, Path projectDir) {
        var account = pattern.sandbox().account();
        OpsSandbox sandbox = new OpsSandbox(pattern.aws(), account.endpoint().uri(), account.admin().accessKeyId(),
                account.admin().secretAccessKey(), projectDir);
        Map<String, Object> exports = pattern.exports();
        Map<String, String> queues = (Map<String, String>) exports.getOrDefault(StackExports.QUEUE_URLS, Map.of());
        Map<String, String> deadLetters = (Map<String, String>) exports.getOrDefault(StackExports.DEAD_LETTER_QUEUE_URLS, Map.of());
        Map<String, String> logGroups = (Map<String, String>) exports.getOrDefault(StackExports.LOG_GROUP_NAMES, Map.of());
        queues.forEach((consumer, url) -> sandbox.adopt(consumer, url, deadLetters.get(consumer), logGroups.get(consumer)));
        sandbox.eventsDeadLetterQueueUrl = String.valueOf(exports.get(StackExports.EVENTS_DEAD_LETTER_QUEUE_URL));
        sandbox.tableName = pattern.tableName();
        sandbox.extraOutputs.setAll((ObjectNode) JSON.valueToTree(exports));
        sandbox.writeSandboxFile();
        return sandbox;
    }

    /** Queues, DLQs and log groups of these consumers, the events DLQ and the table; then the sandbox file. */
    public OpsSandbox withConsumers(String... consumers) {
        for (String consumer : consumers) {
            String dlq = queue("edp-" + consumer + "-dlq", Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"));
            String queue = queue("edp-" + consumer + "-queue", Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + Queues.arn(sqs, dlq)
                            + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}"));
            String logGroup = "/edp/edp/dev/" + consumer + "-0001";
            logs.createLogGroup(b -> b.logGroupName(logGroup));
            adopt(consumer, queue, dlq, logGroup);
        }
        return withEventsDlqAndTable();
    }

    /** Takes a consumer whose queue, DLQ and log group exist already (e.g. the CUR pipeline's). */
    public OpsSandbox adopt(String consumer, String queueUrl, String dlqUrl, String logGroup) {
        queueUrls.put(consumer, queueUrl);
        deadLetterQueueUrls.put(consumer, dlqUrl);
        logGroupNames.put(consumer, logGroup);
        logs.createLogStream(b -> b.logGroupName(logGroup).logStreamName(LOG_STREAM));
        return this;
    }

    /** The events DLQ and the table (pk/sk, TTL on expiresAt); then writes the sandbox file. */
    public OpsSandbox withEventsDlqAndTable() {
        eventsDeadLetterQueueUrl = queue("edp-events-dlq", Map.of());
        dynamo.createTable(b -> b.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        dynamo.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        writeSandboxFile();
        return this;
    }

    /** Ships log lines to the consumer's log group, as Lambda ships what the function prints. */
    public void shipLogs(String consumer, List<String> lines) {
        long now = System.currentTimeMillis();
        List<InputLogEvent> events = new ArrayList<>();
        for (String line : lines) {
            events.add(InputLogEvent.builder().timestamp(now + events.size()).message(line).build());
        }
        logs.putLogEvents(b -> b.logGroupName(logGroupNames.get(consumer)).logStreamName(LOG_STREAM).logEvents(events));
    }

    /** Adds or replaces an output (bus, archive, ...) and rewrites the sandbox file. */
    public OpsSandbox output(String name, String value) {
        extraOutputs.put(name, value);
        writeSandboxFile();
        return this;
    }

    public String queue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** The outputs the stack would export, as JSON. */
    public ObjectNode outputs() {
        ObjectNode outputs = JSON.createObjectNode();
        outputs.set("queueUrls", JSON.valueToTree(queueUrls));
        outputs.set("deadLetterQueueUrls", JSON.valueToTree(deadLetterQueueUrls));
        outputs.set("logGroupNames", JSON.valueToTree(logGroupNames));
        outputs.put("eventsDeadLetterQueueUrl", eventsDeadLetterQueueUrl);
        outputs.put("tableName", tableName);
        outputs.setAll(extraOutputs);
        return outputs;
    }

    @SuppressWarnings("unchecked")
    private void writeSandboxFile() {
        new SandboxFile(endpoint, MotoServer.REGION, JSON.convertValue(outputs(), Map.class), accessKeyId,
                secretAccessKey).write(SandboxTarget.file(projectDir, STACK));
    }

    /**
     * Sends each body to the consumer's queue and lets each fail {@value #MAX_RECEIVE_COUNT} times (received and
     * never deleted, visible again at once), so SQS's redrive moves it to the DLQ as it does for a failing
     * function. Returns the message ids.
     */
    public List<String> deadLetter(String consumer, List<String> bodies) {
        String queue = queueUrls.get(consumer);
        List<String> ids = new ArrayList<>();
        for (String body : bodies) {
            ids.add(sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body)).messageId());
        }
        for (int receive = 0; receive < MAX_RECEIVE_COUNT; receive++) {
            List<Message> round = new ArrayList<>();
            while (round.size() < bodies.size()) {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                        .visibilityTimeout(60)).messages();
                if (batch.isEmpty()) {
                    break;
                }
                round.addAll(batch);
            }
            // Every message failed once more: visible again at once, as after a failed batch.
            round.forEach(m -> sqs.changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())
                    .visibilityTimeout(0)));
        }
        // The next receive finds them at maxReceiveCount and moves them to the DLQ (moto moves on receive).
        sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(0));
        awaitDepth(deadLetterQueueUrls.get(consumer), bodies.size());
        return ids;
    }

    /** Waits until the queue holds exactly {@code expected} visible messages. */
    public void awaitDepth(String url, long expected) {
        await(() -> Queues.depth(sqs, url).visible() == expected, "queue " + url + " to hold " + expected);
    }

    /** Waits until no message of the queue is in flight (hidden by an earlier receive). */
    public void awaitNothingInFlight(String url) {
        await(() -> Queues.depth(sqs, url).inFlight() == 0, "queue " + url + " to have nothing in flight");
    }

    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Receives and deletes everything visible in the queue. */
    public List<Message> drain(String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All"))
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
            all.addAll(batch);
        }
    }

    /** Runs {@code ./edp ARGS} in-process, with this sandbox's project directory. */
    public CliRun.Outcome edp(String... args) {
        return CliRun.edp(withProject(args));
    }

    /** Runs one command object (tests that configure it, e.g. to stop it mid-way), with the project directory. */
    public CliRun.Outcome run(Object command, String... args) {
        return CliRun.run(() -> new CommandLine(command).setExitCodeExceptionMapper(e -> 1), withProject(args));
    }

    private String[] withProject(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--project-dir");
        all.add(projectDir.toString());
        return all.toArray(String[]::new);
    }
}
