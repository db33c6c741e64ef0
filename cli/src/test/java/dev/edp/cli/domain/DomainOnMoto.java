package dev.edp.cli.domain;

import dev.edp.events.QueueDefaults;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.moto.MotoClients;
import dev.edp.cli.moto.MotoResources;
import dev.edp.sandbox.functions.LocalContext;
import dev.edp.sandbox.functions.SqsEventSource;
import dev.edp.reference.SeedConsumers;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Metrics;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.handler.PatternEnvironment;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Seed 003's domain on moto, wired as EventDrivenPattern wires it: the custom bus; per seed consumer
 * ({@link SeedConsumers#domain()} and {@link SeedConsumers#approvals}, their real event patterns) a rule → queue (visibility 1 s for quick retries,
 * redrive to a dead-letter queue after {@value #MAX_RECEIVE_COUNT} receives); the single table (pk, sk, TTL
 * expiresAt); the notifications topic with an SQS subscriber; and two observation queues: the workflow trigger
 * rule's ("Workflow Triggered", the pattern's own pattern) and one for "Workflow Completed".
 *
 * <p>Every hop moto delivers itself (PutEvents → rule → SQS, SNS → SQS, redrive to the DLQ); the Lambda event source
 * mapping is {@link SqsEventSource}. moto's EventBridge has no Step Functions target (moto/events/models.py raises
 * NotImplementedError), so the trigger rule targets a queue and the test starts the execution with exactly the
 * event it received, which is what EventBridge's Step Functions target passes as the execution input.
 */
final class DomainOnMoto {

    static final String BUS = "edp-dev-bus";
    static final String TABLE = "edp-dev-table";
    static final int MAX_RECEIVE_COUNT = QueueDefaults.MAX_RECEIVE_COUNT; // the pattern's default, which these harnesses copy
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    final MotoClients aws;
    final MotoResources resources;
    final String topicArn;
    final MotoResources.Queue subscriber;
    final MotoResources.Queue workflowTriggers;
    final MotoResources.Queue workflowResults;
    final Map<String, MotoResources.Queue> queues = new LinkedHashMap<>();
    final Map<String, MotoResources.Queue> deadLetters = new LinkedHashMap<>();
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    DomainOnMoto(MotoClients aws) throws IOException {
        this.aws = aws;
        this.resources = new MotoResources(aws);
        resources.bus(BUS);
        resources.table(TABLE);
        topicArn = aws.sns.createTopic(b -> b.name("edp-dev-notifications")).topicArn();
        subscriber = resources.queue("notifications-subscriber");
        aws.sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(subscriber.arn()));
        List<ConsumerArgs> consumers = new java.util.ArrayList<>(SeedConsumers.domain());
        consumers.add(SeedConsumers.approvals(dev.edp.reference.workflow.OrderWorkflow.NAME));
        for (ConsumerArgs consumer : consumers) {
            MotoResources.Queue dlq = resources.queue(consumer.name() + "-dlq");
            MotoResources.Queue queue = resources.queue(consumer.name(), Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                    QueueAttributeName.REDRIVE_POLICY, JSON.writeValueAsString(Map.of(
                            "deadLetterTargetArn", dlq.arn(), "maxReceiveCount", Integer.toString(MAX_RECEIVE_COUNT)))));
            resources.rule(BUS, consumer.name() + "-rule", consumer.eventPattern().orElseThrow(), queue.arn());
            queues.put(consumer.name(), queue);
            deadLetters.put(consumer.name(), dlq);
        }
        workflowTriggers = resources.queue("workflow-triggers");
        resources.rule(BUS, "workflow-trigger-rule", EventPatterns.sourceAndTypes("workflow", List.of("Workflow Triggered")),
                workflowTriggers.arn());
        workflowResults = resources.queue("workflow-results");
        resources.rule(BUS, "workflow-results-rule", EventPatterns.sourceAndTypes("workflow", List.of("Workflow Completed")),
                workflowResults.arn());
    }

    /** A consumer's context: the EDP_* environment the pattern gives it (EDP_CONSUMER set), logs kept here. */
    HandlerContext consumer(String name) {
        return context(name, Optional.of(name));
    }

    /** A workflow task's context (no EDP_CONSUMER). */
    HandlerContext task(String name) {
        return context(name, Optional.empty());
    }

    private HandlerContext context(String service, Optional<String> consumer) {
        return new HandlerContext(new PatternEnvironment("dev", TABLE, topicArn, BUS, consumer, Optional.empty()),
                service, new JsonLog(service, "dev", new PrintStream(logs, true, StandardCharsets.UTF_8), Clock.systemUTC()),
                new Metrics("EDP", service, "dev", () -> Metrics.sinkEnvironment(new DiscardingSink())), Clock.systemUTC());
    }

    /** The log lines written so far, parsed. */
    List<JsonNode> logLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** Puts a seed example (edp-events), changed by {@code change}, on the bus as its producer would. */
    void put(String example, Consumer<ObjectNode> change) throws IOException {
        ObjectNode event = example(example);
        change.accept(event);
        put(event);
    }

    void put(String example) throws IOException {
        put(example, e -> { });
    }

    void put(ObjectNode event) {
        PutEventsResponse response = aws.events.putEvents(b -> b.entries(e -> e.eventBusName(BUS)
                .source(event.get("source").asText())
                .detailType(event.get("detail-type").asText())
                .detail(event.get("detail").toString())));
        if (response.failedEntryCount() > 0) {
            throw new IllegalStateException("PutEvents failed: " + response.entries());
        }
    }

    static ObjectNode example(String name) throws IOException {
        try (InputStream in = DomainOnMoto.class.getClassLoader().getResourceAsStream("dev/edp/events/examples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name + " in edp-events");
            }
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /** The consumer's queue as Lambda's event source mapping would poll it, with batches of up to 10. */
    SqsEventSource eventSource(String consumer, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        return new SqsEventSource(aws.sqs, queues.get(consumer).url(), "us-east-1", handler,
                () -> new LocalContext(consumer, 512, 30_000), 10, 1);
    }

    /** Polls until the consumer's queue is empty (nothing visible, nothing in flight). */
    void drain(String consumer, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        MotoResources.Queue queue = queues.get(consumer);
        eventSource(consumer, handler).pollUntil(() -> resources.depth(queue) == 0, PATIENCE);
    }

    /** Polls the consumer's queue until {@code done}. */
    void pollUntil(String consumer, RequestHandler<SQSEvent, SQSBatchResponse> handler, BooleanSupplier done) {
        eventSource(consumer, handler).pollUntil(done, PATIENCE);
    }

    /** Receives and deletes what waits in the consumer's queue (e.g. to send it again as a duplicate). */
    List<Message> take(String consumer) {
        return resources.drain(queues.get(consumer));
    }

    /** Sends a body to the consumer's queue, as SQS redelivers or EventBridge retries it. */
    void send(String consumer, String body) {
        aws.sqs.sendMessage(b -> b.queueUrl(queues.get(consumer).url()).messageBody(body));
    }

    /** The notifications published so far (drained), as a subscriber with an SQS subscription sees them. */
    List<MotoResources.Notified> notifications() throws IOException {
        return resources.notifications(subscriber);
    }

    /** One item of the table, or an empty map. */
    Map<String, AttributeValue> item(String pk, String sk) {
        var response = aws.dynamo.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                "pk", AttributeValue.builder().s(pk).build(), "sk", AttributeValue.builder().s(sk).build())));
        return response.hasItem() ? response.item() : Map.of();
    }

    /** EMF output is not what these tests look at. */
    private static final class DiscardingSink implements ISink {
        @Override
        public void accept(MetricsContext context) {
            // discarded
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
