package dev.edp.cli.domain;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.moto.MotoClients;
import dev.edp.cli.moto.MotoResources;
import dev.edp.cli.moto.PatternOnMoto;
import dev.edp.cli.moto.RetryingEventSource;
import dev.edp.pattern.config.Problems;
import dev.edp.reference.workflow.OrderWorkflow;
import dev.edp.reference.workflow.OrderWorkflowArgs;
import dev.edp.sandbox.Sandbox;
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
 * Seed 003's domain on moto, as EventDrivenPattern deploys it ({@link PatternOnMoto}: the component's real graph
 * with {@link SeedConsumers#domain()}, {@link SeedConsumers#approvals} and the order workflow, and any extra consumer
 * a test brings): the custom bus, each consumer's rule → queue → dead-letter queue, the table, the notifications
 * topic. The harness adds only its observation points: an SQS subscriber of the topic, and two observation queues on
 * the bus, one on the workflow trigger rule's own pattern (read from the deployed rule) and one for "Workflow
 * Completed".
 *
 * <p>Every hop moto delivers itself (PutEvents → rule → SQS, SNS → SQS, redrive to the DLQ); the Lambda event source
 * mapping is {@link SqsEventSource}, which makes a failed record visible again after {@link Sandbox#RETRY_DELAY}
 * (as the sandbox's mappings do) rather than after the queue's real visibility timeout. The workflow trigger rule
 * targets the state machine, which moto's EventBridge cannot deliver, so the test starts the execution with exactly
 * the event the observation queue received, which is what EventBridge's Step Functions target passes as the
 * execution input.
 */
final class DomainOnMoto {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String WORKFLOW_COMPLETED = "Workflow Completed";

    private static final ObjectMapper JSON = new ObjectMapper();

    final PatternOnMoto pattern;
    final MotoClients aws;
    final MotoResources resources;
    final String bus;
    final String table;
    final String topicArn;
    final MotoResources.Queue subscriber;
    final MotoResources.Queue workflowTriggers;
    final MotoResources.Queue workflowResults;
    final Map<String, MotoResources.Queue> queues = new LinkedHashMap<>();
    final Map<String, MotoResources.Queue> deadLetters = new LinkedHashMap<>();
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    /** The domain's consumers, the approvals and the order workflow, and {@code extra} (a test's own consumers). */
    static List<ConsumerArgs> consumers(ConsumerArgs... extra) {
        List<ConsumerArgs> consumers = new ArrayList<>(SeedConsumers.domain());
        consumers.add(SeedConsumers.approvals(OrderWorkflow.NAME));
        Problems problems = new Problems();
        consumers.add(OrderWorkflow.consumer(OrderWorkflowArgs.builder().build(), problems));
        problems.throwIfAny();
        consumers.addAll(List.of(extra));
        return consumers;
    }

    /** Deploys the domain (once per test class: {@link #clear()} between tests). */
    static DomainOnMoto deploy(String component, ConsumerArgs... extra) throws IOException {
        List<ConsumerArgs> consumers = consumers(extra);
        PatternOnMoto pattern = PatternOnMoto.deploy(component, consumers);
        try {
            return new DomainOnMoto(pattern, consumers);
        } catch (IOException | RuntimeException e) {
            pattern.close();
            throw e;
        }
    }

    private DomainOnMoto(PatternOnMoto pattern, List<ConsumerArgs> consumers) throws IOException {
        this.pattern = pattern;
        this.aws = pattern.aws();
        this.resources = new MotoResources(aws);
        bus = pattern.busName();
        table = pattern.tableName();
        topicArn = pattern.topicArn();
        subscriber = resources.queue(table + "-notifications-subscriber");
        aws.sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(subscriber.arn()));
        for (ConsumerArgs consumer : consumers) {
            if (pattern.stateMachineArns().containsKey(consumer.name())) {
                continue; // the workflow: its rule targets the state machine, observed below
            }
            queues.put(consumer.name(), pattern.queue(consumer.name()));
            deadLetters.put(consumer.name(), pattern.deadLetterQueue(consumer.name()));
        }
        String stateMachine = pattern.stateMachineArns().get(OrderWorkflow.NAME);
        PatternOnMoto.Rule trigger = pattern.rules().stream().filter(r -> r.targetArn().equals(stateMachine)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no rule targets the workflow " + stateMachine));
        workflowTriggers = resources.queue(table + "-workflow-triggers");
        resources.rule(bus, "observe-workflow-triggers", trigger.pattern(), workflowTriggers.arn());
        workflowResults = resources.queue(table + "-workflow-results");
        resources.rule(bus, "observe-workflow-results", EventPatterns.sourceAndTypes("workflow", List.of(WORKFLOW_COMPLETED)),
                workflowResults.arn());
    }

    /** A fresh start for the next test: the account's data gone (queues purged, table emptied), the logs forgotten. */
    void clear() {
        pattern.clear();
        logs.reset();
    }

    /** The consumer's queue's maxReceiveCount, as deployed. */
    int maxReceiveCount(String consumer) {
        return pattern.maxReceiveCount(consumer);
    }

    void close() {
        pattern.close();
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
        return new HandlerContext(new PatternEnvironment("dev", table, topicArn, bus, consumer, Optional.empty()),
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
        PutEventsResponse response = aws.events.putEvents(b -> b.entries(e -> e.eventBusName(bus)
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

    /**
     * Polls until {@code done} ({@link RetryingEventSource}): a record that failed is visible again after
     * {@link Sandbox#RETRY_DELAY}, as the sandbox's event source mappings make it, instead of after the queue's
     * visibility timeout.
     */
    private void poll(String consumer, RequestHandler<SQSEvent, SQSBatchResponse> handler, BooleanSupplier done) {
        new RetryingEventSource(aws.sqs, queues.get(consumer).url(), eventSource(consumer, handler))
                .pollUntil(done, PATIENCE);
    }

    /** Polls until the consumer's queue is empty (nothing visible, nothing in flight). */
    void drain(String consumer, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        MotoResources.Queue queue = queues.get(consumer);
        poll(consumer, handler, () -> resources.depth(queue) == 0);
    }

    /** Polls the consumer's queue until {@code done}. */
    void pollUntil(String consumer, RequestHandler<SQSEvent, SQSBatchResponse> handler, BooleanSupplier done) {
        poll(consumer, handler, done);
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
        var response = aws.dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(pattern.key(pk, sk)));
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
