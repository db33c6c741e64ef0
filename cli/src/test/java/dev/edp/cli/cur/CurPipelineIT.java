package dev.edp.cli.cur;

import dev.edp.cli.moto.MotoResources;
import dev.edp.cli.moto.RetryingEventSource;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.sandbox.functions.SqsEventSource;
import dev.edp.runtime.cur.CostKey;
import dev.edp.runtime.cur.CostTotal;
import dev.edp.runtime.cur.CostTotals;
import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurLayout;
import dev.edp.runtime.cur.CurReader;
import dev.edp.runtime.cur.CuratedCopy;
import dev.edp.runtime.cur.CurObject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The CUR pipeline end to end on moto: upload → EventBridge → SQS → handler → DynamoDB, S3, SNS. */
class CurPipelineIT extends OnCurPipeline {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void anUploadFlowsToTheHandlerWhichRecordsTotalsCuratesAndNotifies() throws Exception {
        byte[] report = report(1, 300_000);
        pipeline.upload("cur/2024-01/report-1.csv", report);

        assertThat(pipeline.routeCustomBus()).isEqualTo(1);
        drainIngestQueue(pipeline.handler());

        CurAggregation expected = aggregate(report);
        assertThat(expected.totals().size()).as("more groups than one transaction could hold").isGreaterThan(100);
        assertThat(plain(committedTotals(expected))).isEqualTo(plain(expected.totals()));

        LocalDate firstDay = expected.days().first();
        String dayPrefix = "curated/provider=aws/year=2024/month=01/day=01/";
        assertThat(CuratedCopy.key(firstDay, curObject("cur/2024-01/report-1.csv"))).startsWith(dayPrefix);
        List<String> dayKeys = aws.s3.listObjectsV2(b -> b.bucket(pipeline.curatedBucket).prefix(dayPrefix))
                .contents().stream().map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
        assertThat(dayKeys).as("one curated object per day and version").hasSize(1);
        String curatedKey = dayKeys.get(0);
        assertThat(curatedKey).matches(java.util.regex.Pattern.quote(dayPrefix + curObject("cur/2024-01/report-1.csv").objectId())
                + "-[0-9a-f]{16}\\.csv");
        String curated = aws.s3.getObjectAsBytes(b -> b.bucket(pipeline.curatedBucket).key(curatedKey)).asUtf8String();
        List<String> lines = curated.lines().toList();
        assertThat(lines.get(0)).isEqualTo("usage_date,account_id,service,unblended_cost,line_items,source_bucket,source_key,source_version");
        assertThat(lines).hasSize(expected.day(firstDay).size() + 1);
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.startsWith("2024-01-01,")
                && line.contains(",edp-dev-cur-ingest,cur/2024-01/report-1.csv,"));
        assertThat(aws.s3.listObjectsV2(b -> b.bucket(pipeline.curatedBucket)).keyCount()).isEqualTo(expected.days().size());

        List<MotoResources.Notified> notified = pipeline.notifications().stream().filter(n -> !n.kind().equals("anomaly")).toList();
        assertThat(notified).hasSize(1);
        MotoResources.Notified success = notified.get(0);
        assertThat(success.kind()).isEqualTo("success");
        assertThat(success.source()).isEqualTo("cur");
        assertThat(success.severity()).isEqualTo("info");
        assertThat(success.body().path("object").asText()).isEqualTo("s3://edp-dev-cur-ingest/cur/2024-01/report-1.csv");
        assertThat(success.body().path("rows").asLong()).isEqualTo(expected.lineItems());
        assertThat(new BigDecimal(success.body().path("unblendedCost").asText())).isEqualByComparingTo(expected.grandTotal());

        String logs = pipeline.logs.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("\"correlation_id\":\"17793124-05d4-b198-2fde-7ededc63b103\"")
                .contains("\"status\":\"INGESTED\"");
        assertThat(pipeline.metrics).anySatisfy(line -> assertThat(JSON.readTree(line).path("Rows").asLong())
                .isEqualTo(expected.lineItems()));
    }

    /** Seed 001: S3 reports only to the default bus, so without the forwarding rule the custom bus sees nothing. */
    @Test
    void withoutTheForwardingRuleTheCustomBusRuleNeverSeesTheUpload() throws Exception {
        CurPipeline seed001 = new CurPipeline(deployed).withoutForwardingRule();
        MotoResources.Queue defaultBus = seed001.resources.queue("default-bus-observer");
        seed001.resources.rule("default", "observe", CurPipeline_patterns(), defaultBus.arn());

        seed001.upload("cur/report.csv", report(2, 20_000));

        List<Message> onDefaultBus = seed001.resources.drain(defaultBus);
        assertThat(onDefaultBus).hasSize(1);
        assertThat(seed001.consumerRuleMatches(onDefaultBus.get(0).body()))
                .as("the consumer rule's pattern matches the event: routing, not the pattern, was the failure").isTrue();
        assertThat(seed001.routeCustomBus()).isZero();
        assertThat(seed001.resources.depth(seed001.ingest)).isZero();

        seed001.addForwardingRule();
        seed001.upload("cur/report-again.csv", report(2, 20_000));

        assertThat(seed001.routeCustomBus()).isEqualTo(1);
        assertThat(seed001.resources.depth(seed001.ingest)).isEqualTo(1);
    }

    @Test
    void theSameObjectDeliveredTwiceOrUploadedAgainCountsOnce() throws Exception {
        byte[] report = report(3, 100_000);
        pipeline.upload("cur/report.csv", report);
        String event = pipeline.resources.drain(pipeline.forwarded).get(0).body();
        aws.sqs.sendMessage(b -> b.queueUrl(pipeline.ingest.url()).messageBody(event));
        aws.sqs.sendMessage(b -> b.queueUrl(pipeline.ingest.url()).messageBody(event));
        pipeline.upload("cur/report.csv", report); // same bytes again: same entity tag
        assertThat(pipeline.routeCustomBus()).isEqualTo(1);

        drainIngestQueue(pipeline.handler());

        CurAggregation expected = aggregate(report);
        assertThat(plain(committedTotals(expected))).isEqualTo(plain(expected.totals()));
        assertThat(pipeline.notifications()).extracting(MotoResources.Notified::kind).filteredOn(kind -> !kind.equals("anomaly"))
                .containsExactly("success");
        assertThat(pipeline.logs.toString(StandardCharsets.UTF_8)).contains("\"status\":\"ALREADY_INGESTED\"");
    }

    @Test
    void aNewerUploadOfTheSameKeyReplacesTheOlderOnesTotals() throws Exception {
        byte[] first = report(4, 60_000);
        byte[] second = report(5, 40_000);
        pipeline.upload("cur/report.csv", first);
        pipeline.routeCustomBus();
        drainIngestQueue(pipeline.handler());
        pipeline.upload("cur/report.csv", second);
        pipeline.routeCustomBus();
        drainIngestQueue(pipeline.handler());

        CurAggregation expected = aggregate(second);
        NavigableMap<CostKey, CostTotal> all = new TreeMap<>();
        for (LocalDate day : aggregate(first).days()) {
            all.putAll(pipeline.totals().day(day));
        }
        assertThat(plain(all)).isEqualTo(plain(expected.totals()));
        long contributions = aws.dynamo.scan(b -> b.tableName(pipeline.table)).items().stream()
                .filter(item -> item.get("pk").s().startsWith("CUR#DAY#")).count();
        assertThat(contributions).as("the replaced version's contributions are deleted").isEqualTo(expected.totals().size());
    }

    @Test
    void aPoisonFileIsDeadLetteredAfterThreeReceivesWithOneErrorWhileAGoodFileInTheBatchSucceeds() throws Exception {
        byte[] good = report(6, 50_000);
        String bad = "lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost\n"
                + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1.5\n"
                + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,one dollar\n";
        pipeline.upload("cur/good.csv", good);
        pipeline.upload("cur/bad.csv", bad.getBytes(StandardCharsets.UTF_8));
        assertThat(pipeline.routeCustomBus()).isEqualTo(2);

        List<SQSEvent.SQSMessage> seen = new ArrayList<>();
        RetryingEventSource source = pipeline.eventSource((event, context) -> {
            seen.addAll(event.getRecords());
            return pipeline.handler().handleRequest(event, context);
        }, 10);
        List<SqsEventSource.Poll> polls = source.pollUntil(() -> pipeline.resources.depth(pipeline.deadLetters) == 1, PATIENCE);

        assertThat(polls.get(0).received()).hasSize(2);
        assertThat(polls.get(0).failed()).hasSize(1);
        List<String> badReceives = seen.stream().filter(r -> r.getBody().contains("cur/bad.csv"))
                .map(r -> r.getAttributes().get("ApproximateReceiveCount")).toList();
        assertThat(badReceives).containsExactly("1", "2", "3");
        assertThat(pipeline.resources.depth(pipeline.ingest)).isZero();
        List<Message> deadLettered = pipeline.resources.drain(pipeline.deadLetters);
        assertThat(deadLettered).hasSize(1);
        assertThat(deadLettered.get(0).body()).contains("cur/bad.csv");

        List<MotoResources.Notified> notified = pipeline.notifications();
        assertThat(notified).extracting(MotoResources.Notified::kind).filteredOn(kind -> !kind.equals("anomaly"))
                .containsExactlyInAnyOrder("success", "error");
        MotoResources.Notified error = notified.stream().filter(n -> n.kind().equals("error")).findFirst().orElseThrow();
        assertThat(error.severity()).isEqualTo("error");
        assertThat(error.body().path("file").asText()).isEqualTo("s3://edp-dev-cur-ingest/cur/bad.csv");
        assertThat(error.body().path("line").asInt()).isEqualTo(3);
        assertThat(error.body().path("reason").asText()).contains("'one dollar' is not a number");
        assertThat(pipeline.totals().day(LocalDate.of(2024, 1, 1)).keySet())
                .as("nothing of the bad file is counted").noneMatch(key -> key.accountId().equals("111111111111"));
        CurAggregation expected = aggregate(good);
        assertThat(plain(committedTotals(expected))).isEqualTo(plain(expected.totals()));
    }

    @Test
    void linesDynamoDbCannotStoreFailTheirFileNamingFileAndLineBeforeAnythingIsWritten() throws Exception {
        // Accepted by the parser once, these reached DynamoDB and failed every delivery with a DynamoDbException
        // naming neither file nor line: a sort key over 1 KiB, a number below 1E-130.
        String header = "lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost\n";
        pipeline.upload("cur/long-product.csv", (header
                + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1\n"
                + "2024-01-01T00:00:00Z,111111111111," + "P".repeat(1100) + ",1\n").getBytes(StandardCharsets.UTF_8));
        pipeline.upload("cur/tiny-amount.csv", (header
                + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1E-131\n").getBytes(StandardCharsets.UTF_8));
        assertThat(pipeline.routeCustomBus()).isEqualTo(2);

        SqsEventSource.Poll poll = pipeline.eventSource(pipeline.handler(), 10).pollOnce();

        assertThat(poll.received()).hasSize(2);
        assertThat(poll.failed()).hasSize(2);
        String logs = pipeline.logs.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("\"file\":\"s3://edp-dev-cur-ingest/cur/long-product.csv\",\"line\":3")
                .contains("lineItem/ProductCode 'PPPP")
                .contains("\"file\":\"s3://edp-dev-cur-ingest/cur/tiny-amount.csv\",\"line\":2")
                .contains("lineItem/UnblendedCost '1E-131' is smaller in magnitude than 1E-130")
                .doesNotContain("DynamoDbException");
        assertThat(aws.dynamo.scan(b -> b.tableName(pipeline.table)).items()).as("nothing written").isEmpty();
    }

    @Test
    void aCrashBetweenWritesIsRetriedToTheCorrectTotalsAndNothingCountsInBetween() throws Exception {
        byte[] report = report(7, 200_000);
        CurAggregation expected = aggregate(report);
        assertThat(expected.totals().size()).isGreaterThan(50);
        pipeline.upload("cur/report.csv", report);
        pipeline.routeCustomBus();

        AtomicInteger batchWrites = new AtomicInteger();
        DynamoDbClient crashingOnce = crashOnSecondBatchWrite(aws.dynamo, batchWrites);
        RetryingEventSource source = pipeline.eventSource(pipeline.handler(crashingOnce, aws.sns), 10);

        SqsEventSource.Poll crashed = source.pollOnce();
        assertThat(crashed.failed()).hasSize(1);
        assertThat(committedTotals(expected)).as("a half-written file counts not at all").isEmpty();
        long written = aws.dynamo.scan(b -> b.tableName(pipeline.table)).items().size();
        assertThat(written).as("the first batch was written before the crash").isEqualTo(25);

        source.pollUntil(() -> pipeline.resources.depth(pipeline.ingest) == 0, PATIENCE);

        assertThat(plain(committedTotals(expected))).isEqualTo(plain(expected.totals()));
        assertThat(pipeline.notifications()).extracting(MotoResources.Notified::kind).filteredOn(kind -> !kind.equals("anomaly"))
                .containsExactly("success");
    }

    @Test
    void aDayFarAboveItsTrailingMeanIsAnAnomaly() throws Exception {
        StringBuilder history = new StringBuilder("lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost\n");
        for (int day = 1; day <= 7; day++) {
            history.append(String.format("2024-01-%02dT00:00:00Z,111111111111,AmazonEC2,10%n", day));
        }
        pipeline.upload("cur/history.csv", history.toString().getBytes(StandardCharsets.UTF_8));
        pipeline.upload("cur/spike.csv", ("lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost\n"
                + "2024-01-08T00:00:00Z,111111111111,AmazonEC2,20\n2024-01-08T01:00:00Z,111111111111,AmazonEC2,5.01\n")
                .getBytes(StandardCharsets.UTF_8));
        pipeline.routeCustomBus();
        RetryingEventSource source = pipeline.eventSource(pipeline.handler(), 1);
        source.pollUntil(() -> pipeline.resources.depth(pipeline.ingest) == 0, PATIENCE);

        List<MotoResources.Notified> anomalies = pipeline.notifications().stream().filter(n -> n.kind().equals("anomaly")).toList();
        assertThat(anomalies).hasSize(1);
        assertThat(anomalies.get(0).severity()).isEqualTo("warning");
        assertThat(anomalies.get(0).body().path("anomalies").get(0).path("usageDate").asText()).isEqualTo("2024-01-08");
        assertThat(anomalies.get(0).body().path("anomalies").get(0).path("unblendedCost").asText()).isEqualTo("25.01");
        assertThat(anomalies.get(0).body().path("anomalies").get(0).path("trailingMean").asText()).isEqualTo("10");
    }

    /**
     * SnapStart priming runs the ingest's code paths on a made-up report with reads only: nothing is written to the
     * table or the curated bucket and nothing is published, whatever the snapshot's environment points at.
     */
    @Test
    void primingWritesNothingAndPublishesNothing() throws Exception {
        new dev.edp.runtime.cur.CurIngest(pipeline.settings(), aws.s3, aws.dynamo,
                new dev.edp.runtime.common.Notifier(aws.sns, pipeline.topicArn, "dev"), java.time.Clock.systemUTC()).prime(); // throws if it fails
        pipeline.handler().prime(); // the hook's wiring

        assertThat(aws.dynamo.scan(b -> b.tableName(pipeline.table)).items()).isEmpty();
        assertThat(aws.s3.listObjectsV2(b -> b.bucket(pipeline.curatedBucket)).keyCount()).isZero();
        assertThat(pipeline.notifications()).isEmpty();
    }

    // ---- helpers ----

    private String CurPipeline_patterns() {
        return dev.edp.pattern.events.EventPatterns.objectCreated(pipeline.ingestBucket, dev.edp.reference.CostReportPipeline.SUFFIXES);
    }

    private void drainIngestQueue(dev.edp.runtime.cur.CurIngestHandler handler) {
        pipeline.eventSource(handler, 10).pollUntil(() -> pipeline.resources.depth(pipeline.ingest) == 0, PATIENCE);
    }

    /** The committed totals of the days the report covers, as a reader of the table sees them. */
    private NavigableMap<CostKey, CostTotal> committedTotals(CurAggregation report) {
        CostTotals totals = pipeline.totals();
        NavigableMap<CostKey, CostTotal> all = new TreeMap<>();
        report.days().forEach(day -> all.putAll(totals.day(day)));
        return all;
    }

    /** Totals as plain text, so that 1.50 and 1.5 (DynamoDB drops trailing zeros) compare equal. */
    private static Map<CostKey, String> plain(Map<CostKey, CostTotal> totals) {
        Map<CostKey, String> plain = new TreeMap<>();
        totals.forEach((key, total) -> plain.put(key, dev.edp.runtime.cur.Amounts.plain(total.unblendedCost()) + " x" + total.lineItems()));
        return plain;
    }

    private static byte[] report(long seed, long bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CurFileGenerator(CurLayout.LEGACY, 4, 5, 8, LocalDate.of(2024, 1, 1), 31, seed).write(out, bytes, false);
        return out.toByteArray();
    }

    private static CurAggregation aggregate(byte[] report) throws Exception {
        return CurReader.aggregate("expected", new ByteArrayInputStream(report));
    }

    private CurObject curObject(String key) {
        return new CurObject(pipeline.ingestBucket, key, java.util.Optional.empty(), "", "");
    }

    /** A DynamoDB client whose second BatchWriteItem call fails, once: the function dying between two writes. */
    private static DynamoDbClient crashOnSecondBatchWrite(DynamoDbClient real, AtomicInteger calls) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[]{DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("batchWriteItem") && calls.incrementAndGet() == 2) {
                        throw new IllegalStateException("injected crash between batch writes");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

}
