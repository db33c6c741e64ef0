package dev.edp.cli.cur;

import dev.edp.cli.moto.MotoClients;
import dev.edp.cli.moto.MotoResources;
import dev.edp.cli.moto.PatternOnMoto;
import dev.edp.cli.moto.RetryingEventSource;
import dev.edp.pattern.config.Problems;
import dev.edp.reference.CostReportArgs;
import dev.edp.reference.CostReportPipeline;
import dev.edp.reference.SeedApplication;
import dev.edp.sandbox.Sandbox;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.edp.sandbox.functions.LocalContext;
import dev.edp.sandbox.functions.SqsEventSource;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Metrics;
import dev.edp.runtime.cur.CostTotals;
import dev.edp.runtime.cur.CurIngestHandler;
import dev.edp.runtime.cur.CurSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.event.ruler.Machine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The CUR pipeline on moto as EventDrivenPattern deploys it ({@link PatternOnMoto}: the component's real graph with
 * {@link CostReportPipeline}'s parts, the ingest file source, the curated bucket and the {@code cur-ingest} consumer):
 * the ingest bucket with EventBridge notifications, the default bus's forwarding rule to the custom bus, the
 * consumer rule on the custom bus, its queue and dead-letter queue, the table, the notifications topic. The harness
 * adds only an SQS subscriber of the topic.
 *
 * The ingest bucket is the one existing bucket ({@link #EXISTING_INGEST_BUCKET}).
 *
 * <p>Where moto delivers faithfully, it delivers: S3 → default bus, the forwarding rule's pattern, SNS → SQS, the
 * redrive to the dead-letter queue. One hop is dispatched here instead, with event-ruler on the deployed rule's
 * pattern: the consumer rule on the custom bus. moto sends S3 events to every bus's rules (AWS: the default bus only,
 * see MotoEventDeliveryIT), so a consumer rule with its target in moto would fire with or without the forwarding rule
 * and hide seed 001's failure. The sandbox's deploy therefore gives the forwarding rule a second target, its forward
 * tap, which receives exactly what it forwards to the custom bus; {@link #routeCustomBus()} evaluates the custom
 * bus's rule on each such event and sends the matches to the ingest queue, as EventBridge's SQS target does.
 *
 * <p>One deployment serves a test class ({@link #deploy()}); each test takes a {@link #CurPipeline(PatternOnMoto)
 * fresh} pipeline on it, with the account's data emptied.
 */
final class CurPipeline {

    private static final String CONSUMER = CostReportPipeline.INGEST;

    final PatternOnMoto pattern;
    final MotoClients aws;
    final MotoResources resources;
    final String ingestBucket;
    final String curatedBucket;
    final String table;
    final MotoResources.Queue forwarded;
    final MotoResources.Queue ingest;
    final MotoResources.Queue deadLetters;
    final MotoResources.Queue notifications;
    final String topicArn;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final List<String> metrics = new ArrayList<>();
    private final Machine customBusRules = new Machine();
    private final List<ForwardingRule> forwardingRules = new ArrayList<>();

    /** A rule of the default bus that forwards to the custom bus, with the targets it was deployed with. */
    private record ForwardingRule(String name, List<Target> targets) {
    }

    /**
     * The ingest bucket: the harness's own, given to the pattern as an existing bucket (the file source's
     * {@code existingBucketName}), unversioned, with EventBridge notifications on, as a user's CUR bucket is. The
     * tests are about an unversioned bucket (same bytes uploaded again are the same object, an entity tag with no
     * version id); a bucket the pattern creates is versioned, where each upload is a new version.
     */
    static final String EXISTING_INGEST_BUCKET = "edp-dev-cur-ingest";

    /** The pattern's graph with the CUR pipeline's parts, deployed onto moto (once per test class). */
    static PatternOnMoto deploy() {
        Problems problems = new Problems();
        SeedApplication.Parts parts = CostReportPipeline.parts(
                CostReportArgs.builder().existingBucketName(EXISTING_INGEST_BUCKET).build(), problems);
        problems.throwIfAny();
        PatternOnMoto pattern = PatternOnMoto.deploy("edp", parts.consumers(), parts.fileSources(), parts.buckets(), false);
        try {
            new MotoResources(pattern.aws()).bucketWithEventBridge(EXISTING_INGEST_BUCKET);
            return pattern;
        } catch (RuntimeException e) {
            pattern.close();
            throw e;
        }
    }

    /** The deployed pipeline, its data emptied (the queues, buckets and table of earlier tests). */
    CurPipeline(PatternOnMoto pattern) throws Exception {
        this.pattern = pattern;
        this.aws = pattern.aws();
        this.resources = new MotoResources(aws);
        pattern.clear();
        ingestBucket = pattern.bucketName(CostReportPipeline.INGEST);
        curatedBucket = pattern.bucketName(CostReportPipeline.CURATED);
        table = pattern.tableName();
        topicArn = pattern.topicArn();
        forwarded = pattern.forwardTap();
        ingest = pattern.queue(CONSUMER);
        deadLetters = pattern.deadLetterQueue(CONSUMER);
        for (PatternOnMoto.Rule rule : pattern.rules()) {
            if (rule.targetArn().equals(ingest.arn())) {
                customBusRules.addRule(CONSUMER, rule.pattern());
            }
        }
        notifications = resources.queue("notifications-subscriber");
        boolean subscribed = aws.sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().stream()
                .anyMatch(s -> s.endpoint().equals(notifications.arn()));
        if (!subscribed) {
            aws.sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(notifications.arn()));
        }
        for (Rule rule : aws.events.listRules(b -> b.eventBusName("default")).rules()) {
            List<Target> targets = aws.events.listTargetsByRule(b -> b.eventBusName("default").rule(rule.name())).targets();
            if (targets.stream().anyMatch(t -> t.arn().equals(pattern.busArn()))) {
                forwardingRules.add(new ForwardingRule(rule.name(), targets));
            }
        }
        if (forwardingRules.isEmpty()) {
            throw new IllegalStateException("the deployed graph has no rule forwarding to " + pattern.busArn());
        }
        addForwardingRule();
    }

    /** The CUR consumer's maxReceiveCount, read from its queue's redrive policy. */
    int maxReceiveCount() {
        return pattern.maxReceiveCount(CONSUMER);
    }

    /** Seed 001: the default bus's forwarding rule without its targets, so nothing reaches the custom bus. */
    CurPipeline withoutForwardingRule() {
        for (ForwardingRule rule : forwardingRules) {
            aws.events.removeTargets(b -> b.eventBusName("default").rule(rule.name())
                    .ids(rule.targets().stream().map(Target::id).toList()));
        }
        return this;
    }

    /** The default bus's rule that forwards the bucket's report uploads to the custom bus, with its targets as deployed. */
    void addForwardingRule() {
        for (ForwardingRule rule : forwardingRules) {
            aws.events.putTargets(b -> b.eventBusName("default").rule(rule.name()).targets(rule.targets()));
        }
    }

    void upload(String key, byte[] bytes) {
        resources.upload(ingestBucket, key, bytes);
    }

    /** Delivers what reached the custom bus to the targets of its matching rules; returns how many were sent. */
    int routeCustomBus() throws Exception {
        int sent = 0;
        for (Message event : resources.drain(forwarded)) {
            for (String rule : customBusRules.rulesForJSONEvent(event.body())) {
                if (rule.equals(CONSUMER)) {
                    aws.sqs.sendMessage(b -> b.queueUrl(ingest.url()).messageBody(event.body()));
                    sent++;
                }
            }
        }
        return sent;
    }

    /** Whether the custom bus's consumer rule matches an event (event-ruler on the deployed pattern). */
    boolean consumerRuleMatches(String eventJson) throws Exception {
        return customBusRules.rulesForJSONEvent(eventJson).contains(CONSUMER);
    }

    CurSettings settings() {
        return CurSettings.of("dev", table, topicArn, curatedBucket);
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

    /**
     * The ingest queue as Lambda's event source mapping polls it; a failed record is visible again after
     * {@link Sandbox#RETRY_DELAY}, as the sandbox's mappings make it, instead of after the queue's visibility timeout.
     */
    RetryingEventSource eventSource(RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize) {
        return new RetryingEventSource(aws.sqs, ingest.url(), new SqsEventSource(aws.sqs, ingest.url(), "us-east-1",
                handler, () -> new LocalContext(CONSUMER, 512, 900_000), batchSize, 1));
    }

    CostTotals totals() {
        return new CostTotals(aws.dynamo, table);
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
