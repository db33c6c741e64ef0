package dev.edp.sandbox.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.sandbox.functions.SqsEventSource;
import dev.edp.sandbox.deploy.Deployment;
import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stack's SQS event source mappings, played locally: per mapping, as many pollers as its maximum concurrency
 * (at most {@value #MAX_LOCAL_CONCURRENCY}), each with an execution environment of its own, receiving batches ({@link SqsEventSource}: batch size, batching
 * window, {@code ReportBatchItemFailures}) and invoking the function's real handler. Failed records stay on the
 * queue; moto's redrive policy moves them to the DLQ after maxReceiveCount receives.
 *
 * <p>One deviation, to make retries observable in seconds: a failed record is made visible again after
 * {@code retryDelay} (ChangeMessageVisibility) instead of after the queue's visibility timeout (six times the
 * function timeout: 30 minutes to 90 minutes here). The queue keeps its real visibility timeout otherwise.
 */
public final class EventSourceMappings implements AutoCloseable {

    public static final String MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
    public static final String QUEUE = "aws:sqs/queue:Queue";

    /** At most this many pollers (execution environments) per mapping here, whatever its maximum concurrency: prod's
     * 50 would mean 250 handler instances and long polls on one laptop, and change nothing the scenarios observe. */
    public static final int MAX_LOCAL_CONCURRENCY = 8;

    /** Reads a handler's answer as Lambda does: only batchItemFailures counts, other fields are ignored. */
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One mapping of the graph. */
    public record Mapping(String logicalName, LocalFunction function, String queueUrl, int batchSize,
                          Duration batchingWindow, boolean reportBatchItemFailures, int concurrency) {
        public String queueName() {
            return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        }
    }

    /** One invocation of a mapping's function with a batch, and how it went. */
    public record Batch(Mapping mapping, List<SQSEvent.SQSMessage> records, List<String> failedMessageIds,
                        Instant started, Instant ended, Throwable error) {
    }

    /** Told about each batch, for the trace and the loss accounting. */
    public interface Listener {
        /** The function is invoked with these records. */
        void invoking(Mapping mapping, List<SQSEvent.SQSMessage> records, Instant at);

        /** The invocation ended: which records failed, and why if the handler threw. */
        void batch(Batch batch);
    }

    private final List<Mapping> mappings;
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();

    private EventSourceMappings(List<Mapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /** The mappings of a deployed graph whose functions can run here; the others are reported by the deploy. */
    public static EventSourceMappings of(ResourceGraph graph, Deployment deployment, LocalFunctions functions) {
        List<Mapping> mappings = new ArrayList<>();
        for (GraphResource r : graph.ofType(MAPPING)) {
            Optional<GraphResource> queue = graph.sourcesOf(r, "eventSourceArn").stream().findFirst();
            Optional<LocalFunction> function = graph.sourcesOf(r, "functionName").stream().findFirst()
                    .flatMap(target -> functions.ofResource(target, graph));
            if (queue.isEmpty() || !queue.get().type().equals(QUEUE) || function.isEmpty()
                    || !function.get().runnable()) {
                continue;
            }
            Map<String, Object> scaling = PendingResource.object(r.inputs(), "scalingConfig");
            Integer concurrency = PendingResource.whole(scaling.get("maximumConcurrency"));
            Integer batchSize = PendingResource.whole(r.input("batchSize"));
            Integer window = PendingResource.whole(r.input("maximumBatchingWindowInSeconds"));
            Object responseTypes = r.input("functionResponseTypes");
            mappings.add(new Mapping(r.name(), function.get(), deployment.id(QUEUE, queue.get().name()),
                    batchSize == null ? 10 : batchSize, Duration.ofSeconds(window == null ? 0 : window),
                    responseTypes instanceof List<?> l && l.contains("ReportBatchItemFailures"),
                    // Lambda starts with up to five concurrent batches per queue when the mapping sets no maximum.
                    Math.min(MAX_LOCAL_CONCURRENCY, concurrency == null ? 5 : concurrency)));
        }
        return new EventSourceMappings(mappings);
    }

    public List<Mapping> mappings() {
        return mappings;
    }

    /**
     * Starts every mapping's pollers. Each polls its queue (receive, delete) with its function's role, as Lambda
     * does, so a role without {@code sqs:ReceiveMessage} on its queue never gets a batch; the sandbox's own shortcut
     * (a failed record visible again after {@code retryDelay}) is made with {@code sqs}, the administrator's client.
     *
     * @param pollingClients the SQS client of each function's role
     */
    public void start(SqsClient sqs, java.util.function.Function<LocalFunction, SqsClient> pollingClients,
                      String region, FunctionLogs logs, Duration retryDelay, Listener listener) throws Exception {
        running.set(true);
        for (Mapping mapping : mappings) {
            SqsClient polling = pollingClients.apply(mapping.function());
            for (int i = 1; i <= mapping.concurrency(); i++) {
                Poller poller = new Poller(mapping, mapping.function().start(logs), sqs, polling, region, retryDelay,
                        listener);
                Thread thread = new Thread(poller, "poller-" + mapping.function().displayName() + "-" + i);
                thread.setDaemon(true);
                pollers.add(thread);
                thread.start();
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : pollers) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }


    /** One poller: an execution environment and a loop of receive, invoke, delete. */
    private final class Poller implements Runnable {
        private final Mapping mapping;
        private final SqsClient sqs;
        private final Duration retryDelay;
        private final Listener listener;
        private final SqsEventSource source;
        private Throwable lastError;

        Poller(Mapping mapping, LocalFunction.Environment environment, SqsClient sqs, SqsClient polling, String region,
               Duration retryDelay, Listener listener) {
            this.mapping = mapping;
            this.sqs = sqs;
            this.retryDelay = retryDelay;
            this.listener = listener;
            RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, context) -> {
                listener.invoking(mapping, event.getRecords(), Instant.now());
                try {
                    Object result = environment.invoke(event);
                    if (!mapping.reportBatchItemFailures() || result == null) {
                        return null; // without ReportBatchItemFailures Lambda ignores what the function returns
                    }
                    return result instanceof SQSBatchResponse response ? response
                            : JSON.convertValue(result, SQSBatchResponse.class);
                } catch (RuntimeException e) {
                    lastError = e;
                    throw e;
                } catch (Exception e) {
                    lastError = e;
                    throw new IllegalStateException(e);
                }
            };
            this.source = new SqsEventSource(polling, mapping.queueUrl(), region, handler,
                    mapping.function()::context, mapping.batchSize(), 1, mapping.batchingWindow());
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    lastError = null;
                    Instant started = Instant.now();
                    SqsEventSource.Poll poll = source.pollOnce();
                    if (poll.isEmpty()) {
                        continue;
                    }
                    Instant ended = Instant.now();
                    List<String> failed = new ArrayList<>(poll.failed());
                    for (SQSEvent.SQSMessage record : poll.received()) {
                        if (poll.failed().contains(record.getMessageId())) {
                            sqs.changeMessageVisibility(b -> b.queueUrl(mapping.queueUrl())
                                    .receiptHandle(record.getReceiptHandle())
                                    .visibilityTimeout((int) retryDelay.toSeconds()));
                        }
                    }
                    listener.batch(new Batch(mapping, poll.received(), failed, started, ended, lastError));
                } catch (RuntimeException e) {
                    if (running.get()) {
                        reportRefusal(e);
                        // The emulator hiccuped or is stopping; Lambda's poller retries too.
                        sleep();
                    }
                }
            }
        }

        private boolean refusalReported;

        /** A refused poll (the role may not receive from its queue) is said once, as Lambda's mapping state says it. */
        private void reportRefusal(RuntimeException e) {
            if (!refusalReported && e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                    && (service.statusCode() == 403 || String.valueOf(service.awsErrorDetails().errorCode())
                    .startsWith("AccessDenied"))) {
                refusalReported = true;
                System.err.println("edp local: the event source mapping of " + mapping.function().displayName()
                        + " cannot poll (receive, delete) " + mapping.queueUrl() + ": its role " + mapping.function().roleArn()
                        + " is refused (" + service.awsErrorDetails().errorCode() + "): " + service.getMessage());
            }
        }

        private void sleep() {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
