package dev.edp.sandbox.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's asynchronous invocation, as EventBridge uses it for a rule whose target is a function (a consumer of
 * kind {@code function}): the bus hands the event over and is done (Lambda queues it, answering with a request id);
 * Lambda then runs the function, and when the function fails it runs it again up to the function's
 * {@code MaximumRetryAttempts} (its {@code FunctionEventInvokeConfig}, default 2), then sends an invocation record
 * to the {@code OnFailure} destination (an SQS queue or SNS topic), as documented in "Retaining records of
 * asynchronous invocations" (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 *
 * <p>The function runs through the sandbox endpoint's Invoke API (where its handler is registered). Lambda waits
 * one and then two minutes between attempts; here the attempts follow each other after a short pause, and
 * {@code MaximumEventAgeInSeconds} is not reached in a local run.
 */
final class AsyncInvocations implements AutoCloseable {

    static final String INVOKE_CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig";
    /** Lambda's default when a function has no FunctionEventInvokeConfig. */
    static final int DEFAULT_RETRY_ATTEMPTS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PAUSE_MILLIS = 200;

    /** What one function's asynchronous invocation is configured with. */
    record Config(int retryAttempts, String onFailure) {
    }

    private final Map<String, Config> configByFunction;
    private final URI endpoint;
    private final SqsClient sqs;
    private final SnsClient sns;
    private final LocalEventBus.Listener listener;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService runs = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-async");
        t.setDaemon(true);
        return t;
    });

    AsyncInvocations(Map<String, Config> configByFunction, URI endpoint, SqsClient sqs, SnsClient sns,
                     LocalEventBus.Listener listener) {
        this.configByFunction = Map.copyOf(configByFunction);
        this.endpoint = endpoint;
        this.sqs = sqs;
        this.sns = sns;
        this.listener = listener;
    }

    /** The graph's FunctionEventInvokeConfigs, by function name. */
    static Map<String, Config> configs(ResourceGraph graph) {
        Map<String, Config> configs = new HashMap<>();
        for (GraphResource c : graph.ofType(INVOKE_CONFIG)) {
            Integer attempts = PendingResource.whole(c.input("maximumRetryAttempts"));
            Map<String, Object> onFailure = PendingResource.object(
                    PendingResource.object(c.inputs(), "destinationConfig"), "onFailure");
            configs.put(c.string("functionName"), new Config(attempts == null ? DEFAULT_RETRY_ATTEMPTS : attempts,
                    PendingResource.text(onFailure.get("destination"))));
        }
        return configs;
    }

    /** Queues one invocation of the target's function with {@code payload}; returns Lambda's request id. */
    String invoke(BusTarget target, BusEvent event, String payload) {
        String function = functionName(target.arn());
        Config config = configByFunction.getOrDefault(function, new Config(DEFAULT_RETRY_ATTEMPTS, null));
        String requestId = UUID.randomUUID().toString();
        runs.submit(() -> run(target, event, payload, function, config, requestId));
        return requestId;
    }

    private void run(BusTarget target, BusEvent event, String payload, String function, Config config, String requestId) {
        String error = null;
        int attempts = config.retryAttempts() + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            error = attempt(function, target.arn(), payload);
            boolean last = error == null || attempt == attempts;
            String destinationId = error != null && last ? sendToDestination(target, config, payload, requestId,
                    attempt, error) : null;
            listener.invokedAsync(target, event, attempt, error, last, destinationId);
            if (error == null) {
                return;
            }
            pause();
        }
    }

    /** One attempt through the Invoke API; the function's error payload, or null when it succeeded. */
    private String attempt(String function, String qualifiedArn, String payload) {
        String qualifier = qualifier(qualifiedArn);
        URI uri = endpoint.resolve("/2015-03-31/functions/" + URLEncoder.encode(function, StandardCharsets.UTF_8)
                + "/invocations" + (qualifier == null ? "" : "?Qualifier=" + qualifier));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("X-Amz-Invocation-Type", "RequestResponse")
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "{\"errorMessage\":" + JSON.writeValueAsString("Invoke answered " + response.statusCode()
                        + ": " + response.body()) + "}";
            }
            return response.headers().firstValue("X-Amz-Function-Error").isPresent() ? response.body() : null;
        } catch (IOException e) {
            return "{\"errorMessage\":\"" + e.getClass().getSimpleName() + "\"}";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "{\"errorMessage\":\"interrupted\"}";
        }
    }

    /** The invocation record Lambda sends to an on-failure destination; its message id, or null without one. */
    private String sendToDestination(BusTarget target, Config config, String payload, String requestId, int attempts,
                                     String error) {
        if (config.onFailure() == null) {
            return null;
        }
        ObjectNode record = JSON.createObjectNode().put("version", "1.0").put("timestamp", Instant.now().toString());
        record.putObject("requestContext").put("requestId", requestId).put("functionArn", target.arn())
                .put("condition", "RetriesExhausted").put("approximateInvokeCount", attempts);
        record.set("requestPayload", parse(payload));
        record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST")
                .put("functionError", "Unhandled");
        record.set("responsePayload", parse(error));
        String body = record.toString();
        String destination = config.onFailure();
        String service = destination.split(":")[2];
        return switch (service) {
            case "sqs" -> sqs.sendMessage(b -> b.queueUrl(queueUrl(destination)).messageBody(body)).messageId();
            case "sns" -> sns.publish(b -> b.topicArn(destination).message(body)).messageId();
            default -> throw new UnsupportedOperationException("the sandbox sends no invocation records to "
                    + service + " destinations (" + destination + ")");
        };
    }

    private String queueUrl(String queueArn) {
        String[] parts = queueArn.split(":");
        return sqs.getQueueUrl(b -> b.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
    }

    /** {@code arn:aws:lambda:region:account:function:name[:qualifier]} → name. */
    static String functionName(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 6 ? parts[6] : arn;
    }

    static String qualifier(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 7 ? parts[7] : null;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        runs.shutdownNow();
        try {
            runs.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
