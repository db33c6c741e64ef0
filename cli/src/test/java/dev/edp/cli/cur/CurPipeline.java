package dev.edp.cli.cur;

import dev.edp.events.QueueDefaults;
import dev.edp.cli.moto.MotoResources;
import dev.edp.cli.moto.MotoClients;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.sandbox.functions.LocalContext;
import dev.edp.sandbox.functions.SqsEventSource;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Metrics;
import dev.edp.runtime.cur.CostTotals;
import dev.edp.runtime.cur.CurIngestHandler;
import dev.edp.runtime.cur.CurSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.event.ruler.Machine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CUR pipeline on moto, wired as EventDrivenPattern wires it: ingest bucket with EventBridge notifications,
 * forwarding rule on the default bus (the real pattern) targeting the custom bus, consumer rule on the custom bus
 * targeting the ingest queue, queue with a dead-letter queue after 3 receives, table, topic with an SQS subscription.
 *
 * <p>Where moto delivers faithfully, it delivers: S3 → default bus, the forwarding rule's pattern, rule → SQS, SNS →
 * SQS, the redrive to the dead-letter queue. One hop is dispatched here instead, with event-ruler on the same real
 * pattern: the consumer rule on the custom bus. moto sends S3 events to every bus's rules (AWS: the default bus only,
 * see MotoEventDeliveryIT), so a consumer rule created in moto would fire with or without the forwarding rule and
 * hide seed 001's failure. The forwarding rule therefore has a second target, an observation queue, which receives
 * exactly what it forwards to the custom bus; {@link #routeCustomBus()} evaluates the custom bus's rule on each such
 * event and sends the matches to the ingest queue, as EventBridge's SQS target does.
 */
final class CurPipeline {

    static final String INGEST_BUCKET = "edp-dev-cur-ingest";
    static final String CURATED_BUCKET = "edp-dev-curated";
    static final String BUS = "edp-dev-bus";
    static final String TABLE = "edp-dev-table";
    static final int MAX_RECEIVE_COUNT = QueueDefaults.MAX_RECEIVE_COUNT; // the pattern's default, which these harnesses copy

    private static final ObjectMapper JSON = new ObjectMapper();

    final MotoClients aws;
    final MotoResources resources;
    final MotoResources.Queue forwarded;
    final MotoResources.Queue ingest;
    final MotoResources.Queue deadLetters;
    final MotoResources.Queue notifications;
    final String topicArn;
    final String busArn;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final List<String> metrics = new ArrayList<>();
    private final Machine customBusRules = new Machine();

    /** Everything but the forwarding rule ({@link #addForwardingRule()}), the piece seed 001 lacked. */
    CurPipeline(MotoClients aws) throws Exception {
        this.aws = aws;
        this.resources = new MotoResources(aws);
        resources.bucketWithEventBridge(INGEST_BUCKET);
        resources.bucket(CURATED_BUCKET);
        busArn = resources.bus(BUS);
        forwarded = resources.queue("forwarded-to-custom-bus");
        deadLetters = resources.queue("cur-ingest-dlq", Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"));
        ingest = resources.queue("cur-ingest", Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, JSON.writeValueAsString(Map.of(
                        "deadLetterTargetArn", deadLetters.arn(), "maxReceiveCount", Integer.toString(MAX_RECEIVE_COUNT)))));
        customBusRules.addRule("cur-ingest", EventPatterns.objectCreated(INGEST_BUCKET, dev.edp.reference.CostReportPipeline.SUFFIXES));
        resources.table(TABLE);
        topicArn = aws.sns.createTopic(b -> b.name("edp-dev-notifications")).topicArn();
        notifications = resources.queue("notifications-subscriber");
        aws.sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(notifications.arn()));
    }

    /** The default bus's rule that forwards the bucket's report uploads to the custom bus. */
    void addForwardingRule() {
        resources.rule("default", "forward-cur-uploads", EventPatterns.objectCreated(INGEST_BUCKET, dev.edp.reference.CostReportPipeline.SUFFIXES),
                busArn, forwarded.arn());
    }

    void upload(String key, byte[] bytes) {
        resources.upload(INGEST_BUCKET, key, bytes);
    }

    /** Delivers what reached the custom bus to the targets of its matching rules; returns how many were sent. */
    int routeCustomBus() throws Exception {
        int sent = 0;
        for (Message event : resources.drain(forwarded)) {
            for (String rule : customBusRules.rulesForJSONEvent(event.body())) {
                if (rule.equals("cur-ingest")) {
                    aws.sqs.sendMessage(b -> b.queueUrl(ingest.url()).messageBody(event.body()));
                    sent++;
                }
            }
        }
        return sent;
    }

    /** Whether the custom bus's consumer rule matches an event (event-ruler on the real pattern). */
    boolean consumerRuleMatches(String eventJson) throws Exception {
        return customBusRules.rulesForJSONEvent(eventJson).contains("cur-ingest");
    }

    CurSettings settings() {
        return CurSettings.of("dev", TABLE, topicArn, CURATED_BUCKET);
    }

    /** The real handler, on the given DynamoDB and SNS clients (the real ones, or ones that fail on purpose). */
    CurIngestHandler handler(DynamoDbClient dynamo, SnsClient sns) {
        JsonLog log = new JsonLog("cur-ingest", "dev", new PrintStream(logs, true, StandardCharsets.UTF_8), Clock.systemUTC());
        Metrics emf = new Metrics("EDP", "cur-ingest", "dev", () -> Metrics.sinkEnvironment(new RecordingSink(metrics)));
        return new CurIngestHandler(settings(), aws.s3, dynamo, sns, log, emf, Clock.systemUTC());
    }

    CurIngestHandler handler() {
        return handler(aws.dynamo, aws.sns);
    }

    SqsEventSource eventSource(RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize) {
        return new SqsEventSource(aws.sqs, ingest.url(), "us-east-1", handler,
                () -> new LocalContext("cur-ingest", 512, 900_000), batchSize, 1);
    }

    CostTotals totals() {
        return new CostTotals(aws.dynamo, TABLE);
    }

    /** The notifications published so far (drained): the SNS envelope's attributes and the parsed body. */
    List<MotoResources.Notified> notifications() throws Exception {
        return resources.notifications(notifications);
    }

    /** Keeps each EMF flush's JSON. */
    private record RecordingSink(List<String> lines) implements software.amazon.cloudwatchlogs.emf.sinks.ISink {
        @Override
        public void accept(software.amazon.cloudwatchlogs.emf.model.MetricsContext context) {
            try {
                lines.addAll(context.serialize());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public java.util.concurrent.CompletableFuture<Void> shutdown() {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }
}
