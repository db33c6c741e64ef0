package dev.edp.cli.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.CliRun;
import dev.edp.cli.moto.MotoClients;
import dev.edp.cli.moto.PatternOnMoto;
import dev.edp.events.StackExports;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.sandbox.SandboxFile;
import dev.edp.testing.MotoServer;
import picocli.CommandLine;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A stack's operational resources as EventDrivenPattern deploys them onto the sandbox ({@link PatternOnMoto}: the
 * real graph, IAM enforced, clients signed as the sandbox's administrator) and the {@code build/local/<stack>/sandbox.json}
 * a running {@code ./edp local} writes ({@link SandboxFile}), so tests run the real commands with {@code --local}.
 * Every name, URL and maxReceiveCount is read from the deployment's outputs and resources.
 *
 * <p>The deployed queues long-poll (the pattern's receive wait), so every receive here passes its own wait time:
 * one without would wait the queue's on an empty queue.
 */
public final class OpsSandbox implements AutoCloseable {

    public static final String STACK = "dev";
    static final String LOG_STREAM = "2026/01/01/[$LATEST]local";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PatternOnMoto pattern;
    private final boolean owned;
    private final URI endpoint;
    private final String accessKeyId;
    private final String secretAccessKey;
    public final SqsClient sqs;
    public final DynamoDbClient dynamo;
    public final CloudWatchLogsClient logs;
    public final EventBridgeClient events;
    public final Path projectDir;
    public final String tableName;
    public final Map<String, String> queueUrls = new LinkedHashMap<>();
    public final Map<String, String> deadLetterQueueUrls = new LinkedHashMap<>();
    public final Map<String, String> logGroupNames = new LinkedHashMap<>();
    public final String eventsDeadLetterQueueUrl;
    private final ObjectNode outputs;

    @SuppressWarnings("unchecked")
    private OpsSandbox(PatternOnMoto pattern, boolean owned, Path projectDir) {
        this.pattern = pattern;
        this.owned = owned;
        var account = pattern.sandbox().account();
        this.endpoint = account.endpoint().uri();
        this.accessKeyId = account.admin().accessKeyId();
        this.secretAccessKey = account.admin().secretAccessKey();
        this.projectDir = projectDir;
        MotoClients aws = pattern.aws();
        this.sqs = aws.sqs;
        this.dynamo = aws.dynamo;
        this.logs = aws.logs;
        this.events = aws.events;
        Map<String, Object> exports = pattern.exports();
        queueUrls.putAll((Map<String, String>) exports.getOrDefault(StackExports.QUEUE_URLS, Map.of()));
        deadLetterQueueUrls.putAll((Map<String, String>) exports.getOrDefault(StackExports.DEAD_LETTER_QUEUE_URLS, Map.of()));
        logGroupNames.putAll((Map<String, String>) exports.getOrDefault(StackExports.LOG_GROUP_NAMES, Map.of()));
        eventsDeadLetterQueueUrl = String.valueOf(exports.get(StackExports.EVENTS_DEAD_LETTER_QUEUE_URL));
        tableName = pattern.tableName();
        outputs = JSON.valueToTree(exports);
        logGroupNames.values().forEach(this::freshLogStream);
        writeSandboxFile();
    }

    /**
     * The sandbox of a pattern deployed by the caller (who closes it): every output as the deployment exports it,
     * the sandbox file signed with the administrator's key; a log stream in each function's log group, for
     * {@link #shipLogs}.
     */
    public static OpsSandbox of(PatternOnMoto pattern, Path projectDir) {
        return new OpsSandbox(pattern, false, projectDir);
    }

    /** Deploys the pattern with these consumers onto a sandbox of its own, which {@link #close()} stops. */
    public static OpsSandbox deploy(String component, List<ConsumerArgs> consumers, Path projectDir) {
        PatternOnMoto pattern = PatternOnMoto.deploy(component, consumers);
        try {
            return new OpsSandbox(pattern, true, projectDir);
        } catch (RuntimeException e) {
            pattern.close();
            throw e;
        }
    }

    /**
     * A fresh start for the next test on the same deployment: what the operations commands read emptied (the
     * consumers' queues and DLQs, the events DLQ, the table), each function's log group holding one empty stream
     * again. Only those: every call is signature-checked by the sandbox's IAM, so emptying the whole account
     * ({@link PatternOnMoto#clear()}) would cost each test a second.
     */
    public void reset() {
        Set<String> queues = new LinkedHashSet<>(queueUrls.values());
        queues.addAll(deadLetterQueueUrls.values());
        queues.add(eventsDeadLetterQueueUrl);
        queues.forEach(pattern::empty);
        pattern.emptyTable();
        logGroupNames.values().forEach(this::freshLogStream);
    }

    /** The consumer's queue's maxReceiveCount, as deployed (its redrive policy). */
    public int maxReceiveCount(String consumer) {
        return pattern.maxReceiveCount(consumer);
    }

    /** The ARN of the bus rule that delivers to the consumer's queue, as deployed. */
    public String ruleArn(String consumer) {
        String queueArn = Queues.arn(sqs, queueUrls.get(consumer));
        PatternOnMoto.Rule rule = pattern.rules().stream().filter(r -> r.targetArn().equals(queueArn)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no rule of the bus targets " + queueArn));
        return events.describeRule(b -> b.eventBusName(rule.bus()).name(rule.name())).arn();
    }

    /**
     * The system properties the SDK's default chains read for this account (the endpoint, region and the
     * administrator's key; {@code AWS_ENDPOINT_URL} etc. in a shell).
     */
    public Map<String, String> sdkChainProperties() {
        return Map.of("aws.endpointUrl", endpoint.toString(), "aws.region", MotoServer.REGION,
                "aws.accessKeyId", accessKeyId, "aws.secretAccessKey", secretAccessKey);
    }

    /**
     * One empty stream in the log group, for {@link #shipLogs}: what an earlier test shipped is gone, and a log
     * group a test deleted is there again (bare: its key and retention are not what the commands read).
     */
    private void freshLogStream(String logGroup) {
        List<LogStream> streams;
        try {
            streams = logs.describeLogStreams(b -> b.logGroupName(logGroup)).logStreams();
        } catch (ResourceNotFoundException deleted) {
            logs.createLogGroup(b -> b.logGroupName(logGroup));
            streams = List.of();
        }
        if (streams.size() == 1 && streams.get(0).logStreamName().equals(LOG_STREAM)
                && streams.get(0).firstEventTimestamp() == null) {
            return; // as the last reset left it
        }
        streams.forEach(stream -> logs.deleteLogStream(b -> b.logGroupName(logGroup).logStreamName(stream.logStreamName())));
        logs.createLogStream(b -> b.logGroupName(logGroup).logStreamName(LOG_STREAM));
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

    /** The outputs the stack exports, as JSON (what {@code --outputs FILE} takes). */
    public ObjectNode outputs() {
        return outputs.deepCopy();
    }

    @SuppressWarnings("unchecked")
    private void writeSandboxFile() {
        new SandboxFile(endpoint, MotoServer.REGION, JSON.convertValue(outputs, Map.class), accessKeyId,
                secretAccessKey).write(SandboxTarget.file(projectDir, STACK));
    }

    /**
     * Sends each body to the consumer's queue and lets each fail the queue's maxReceiveCount times (received and
     * never deleted, visible again at once), so SQS's redrive moves it to the DLQ as it does for a failing
     * function. Returns the message ids.
     */
    public List<String> deadLetter(String consumer, List<String> bodies) {
        String queue = queueUrls.get(consumer);
        int maxReceiveCount = maxReceiveCount(consumer);
        List<String> ids = new ArrayList<>();
        // In batches of ten (SQS's most), few calls: each is signature-checked by the sandbox's IAM.
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (String body : bodies.subList(from, Math.min(bodies.size(), from + 10))) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + entries.size()).messageBody(body).build());
            }
            var sent = sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(entries));
            if (sent.hasFailed() && !sent.failed().isEmpty()) {
                throw new IllegalStateException("SendMessageBatch failed: " + sent.failed());
            }
            // In the order sent (the response lists them by entry id, in no given order).
            entries.forEach(e -> ids.add(sent.successful().stream().filter(r -> r.id().equals(e.id())).findFirst()
                    .orElseThrow().messageId()));
        }
        for (int receive = 0; receive < maxReceiveCount; receive++) {
            List<Message> round = new ArrayList<>();
            while (round.size() < bodies.size()) {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                        .visibilityTimeout(60).waitTimeSeconds(0)).messages();
                if (batch.isEmpty()) {
                    break;
                }
                round.addAll(batch);
            }
            // Every message failed once more: visible again at once, as after a failed batch.
            for (int from = 0; from < round.size(); from += 10) {
                List<ChangeMessageVisibilityBatchRequestEntry> failed = new ArrayList<>();
                for (Message m : round.subList(from, Math.min(round.size(), from + 10))) {
                    failed.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + failed.size())
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build());
                }
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queue).entries(failed));
            }
        }
        // The next receive finds them at maxReceiveCount and moves them to the DLQ (moto moves on receive).
        sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(0));
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

    /** Receives and deletes everything visible in the queue (short polls: nothing waits for more to arrive). */
    public List<Message> drain(String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
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

    /** Stops the sandbox if this class deployed it ({@link #deploy}); one of the caller's stays up. */
    @Override
    public void close() {
        if (owned) {
            pattern.close();
        }
    }
}
