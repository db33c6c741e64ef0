package dev.edp.cli.cur;

import dev.edp.runtime.common.Notifier;
import dev.edp.runtime.cur.CostKey;
import dev.edp.runtime.cur.CostTotal;
import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurIngest;
import dev.edp.runtime.cur.CurLayout;
import dev.edp.runtime.cur.CurObject;
import dev.edp.runtime.cur.CurReader;
import dev.edp.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's cost per report, counted on the real client against moto with an SDK interceptor: DynamoDB calls by
 * operation and items written and read. Twenty reports on the same days and groups: every one costs the same, and
 * that cost is the formula of runtime/README.md ("Cost per report"), in the report's own groups and the anomaly
 * window, not in the reports before it. The totals stay exact.
 */
class CurLedgerCostIT extends OnCurPipeline {

    private static final int REPORTS = 20;

    private final Counter counter = new Counter();
    private DynamoDbClient counted;

    @BeforeEach
    void fresh() {
        counted = DynamoDbClient.builder().endpointOverride(deployed.sandbox().account().endpoint().uri()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(deployed.sandbox().account().admin().credentials())
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter))
                .build();
    }

    @Test
    void aReportCostsTheSameWhateverTheNumberOfReportsBeforeIt() throws Exception {
        List<Map<String, Long>> costs = new ArrayList<>();
        Map<CostKey, CostTotal> expected = new TreeMap<>();
        CurAggregation report = null;
        for (int i = 0; i < REPORTS; i++) {
            byte[] bytes = report(100 + i);
            report = CurReader.aggregate("expected", new ByteArrayInputStream(bytes));
            report.totals().forEach((k, v) -> expected.merge(k, v, CostTotal::plus));
            CurObject object = upload("cur/part-" + i + ".csv", bytes, "01");
            counter.reset();
            assertThat(ingest().ingest(object).status()).isEqualTo(CurIngest.Status.INGESTED);
            costs.add(counter.snapshot());
        }
        int groups = report.totals().size();
        assertThat(groups).as("every report has all 18 groups").isEqualTo(18);
        assertThat(items(report.totals().keySet())).as("in 6 (day, account) items").isEqualTo(6);
        assertThat(costs).as("per report: the same DynamoDB calls and items, report 1 as report 20").allMatch(costs.get(0)::equals);
        assertThat(costs.get(0)).isEqualTo(newObjectFormula(report, 7));

        Map<CostKey, CostTotal> actual = new TreeMap<>();
        report.days().forEach(day -> actual.putAll(pipeline.totals().day(day)));
        assertThat(plain(actual)).as("the running totals are the exact sums of the 20 reports").isEqualTo(plain(expected));
    }

    @Test
    void aNewerVersionCostsItsGroupsAndTheReplacedVersionsGroups() throws Exception {
        byte[] first = report(1);
        byte[] second = report(2);
        CurAggregation a = CurReader.aggregate("a", new ByteArrayInputStream(first));
        CurAggregation b = CurReader.aggregate("b", new ByteArrayInputStream(second));
        assertThat(ingest().ingest(upload("cur/report.csv", first, "01")).status()).isEqualTo(CurIngest.Status.INGESTED);
        CurObject newer = upload("cur/report.csv", second, "02");
        counter.reset();
        assertThat(ingest().ingest(newer).status()).isEqualTo(CurIngest.Status.INGESTED);

        java.util.Set<CostKey> union = new java.util.TreeSet<>(a.totals().keySet());
        union.addAll(b.totals().keySet());
        java.util.Set<CostKey> changed = new java.util.TreeSet<>(union.stream().filter(k -> !a.totals().getOrDefault(k, CostTotal.ZERO).unblendedCost()
                .equals(b.totals().getOrDefault(k, CostTotal.ZERO).unblendedCost())
                || a.totals().getOrDefault(k, CostTotal.ZERO).lineItems() != b.totals().getOrDefault(k, CostTotal.ZERO).lineItems()).toList());
        Map<String, Long> formula = new TreeMap<>(newObjectFormula(b, 7));
        formula.put("UpdateItem", items(changed) + 3);
        formula.put("read:GetItem", 2L);
        formula.put("Query", (long) a.days().size() * 2); // the replaced version's contributions: to move, to delete
        formula.put("read:Query", 2L * a.totals().size());
        formula.put("BatchWriteItem", formula.get("BatchWriteItem") + ceil(a.totals().size(), 25));
        formula.put("write:BatchWriteItem", (long) b.totals().size() + a.totals().size());
        assertThat(counter.snapshot()).isEqualTo(formula);

        Map<CostKey, CostTotal> actual = new TreeMap<>();
        union.stream().map(CostKey::usageDate).distinct().forEach(day -> actual.putAll(pipeline.totals().day(day)));
        assertThat(plain(actual)).as("the newer version's totals only").isEqualTo(plain(b.totals()));
    }

    /**
     * An account with more services on a day than one write takes ({@code RunningTotals.SERVICES_PER_WRITE}, 50):
     * its item of 150 takes three writes in the move, each with its own marker (then the transition's close and the
     * notification's mark). (A
     * crash between them: {@code CurIngestRacesIT}.)
     */
    @Test
    void anItemWithMoreServicesThanOneWriteTakesOneWritePerFifty() throws Exception {
        StringBuilder csv = new StringBuilder("lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost\n");
        Map<CostKey, String> expected = new TreeMap<>();
        for (int i = 0; i < 150; i++) {
            String service = String.format("Service#%03d", i);
            csv.append("2024-03-01T00:00:00Z,111111111111,").append(service).append(",0.").append(i + 1).append('\n');
            expected.put(new CostKey(LocalDate.of(2024, 3, 1), "111111111111", service),
                    dev.edp.runtime.cur.Amounts.plain(new java.math.BigDecimal("0." + (i + 1))) + " x1");
        }
        CurObject object = upload("cur/wide.csv", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "01");
        counter.reset();
        assertThat(ingest().ingest(object).status()).isEqualTo(CurIngest.Status.INGESTED);
        assertThat(counter.snapshot()).containsEntry("UpdateItem", 3L + 2);
        assertThat(plain(pipeline.totals().day(LocalDate.of(2024, 3, 1)))).isEqualTo(expected);

    }

    /**
     * A new object of G groups in P (day, account) items (none in common with an earlier version of it), whose anomaly
     * rule reads K' items: the head twice, the contributions in ⌈G/25⌉ batches, the commit, 1 update per item (move
     * all its services and set its marker; the items here have fewer than 50 services), the transition's close, the
     * notification's mark (a new object replaced nothing, so it has no cleanup to mark done), the window's items in
     * ⌈K'/100⌉ batch reads.
     */
    private static Map<String, Long> newObjectFormula(CurAggregation report, int window) {
        int groups = report.totals().size();
        long items = items(report.totals().keySet());
        Map<String, Long> formula = new TreeMap<>();
        formula.put("GetItem", 2L);
        formula.put("read:GetItem", 1L); // the second: the first finds no head
        formula.put("BatchWriteItem", ceil(groups, 25));
        formula.put("write:BatchWriteItem", (long) groups);
        formula.put("PutItem", 1L);
        formula.put("UpdateItem", items + 2);
        formula.put("BatchGetItem", ceil(windowItems(report, window), 100));
        formula.put("read:BatchGetItem", items); // only items with totals answer: here the report's own days
        return formula;
    }

    /** The running-total items of these groups: one per (day, account). */
    private static long items(java.util.Collection<CostKey> groups) {
        return groups.stream().map(k -> k.usageDate() + "/" + k.accountId()).distinct().count();
    }

    /** The distinct (day, account) items the anomaly rule reads: each group's day and the window's days before it. */
    private static int windowItems(CurAggregation report, int window) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        report.totals().keySet().forEach(k -> {
            for (int back = 0; back <= window; back++) {
                keys.add(k.usageDate().minusDays(back) + "/" + k.accountId());
            }
        });
        return keys.size();
    }

    private static long ceil(long n, int per) {
        return (n + per - 1) / per;
    }

    // ---- helpers ----

    private CurIngest ingest() {
        return new CurIngest(pipeline.settings(), aws.s3, counted, new Notifier(aws.sns, pipeline.topicArn, "dev"), Clock.systemUTC());
    }

    private CurObject upload(String key, byte[] bytes, String sequencer) {
        pipeline.upload(key, bytes);
        var head = aws.s3.headObject(h -> h.bucket(pipeline.ingestBucket).key(key));
        return new CurObject(pipeline.ingestBucket, key, Optional.empty(), head.eTag().replace("\"", ""), "0".repeat(30) + sequencer);
    }

    /** A report over 3 days of the same 2 accounts and 3 services whatever the seed. */
    private static byte[] report(long seed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CurFileGenerator(CurLayout.LEGACY, 2, 2, 3, LocalDate.of(2024, 3, 1), 3, seed).write(out, 60_000, false);
        return out.toByteArray();
    }

    private static Map<CostKey, String> plain(Map<CostKey, CostTotal> totals) {
        Map<CostKey, String> plain = new TreeMap<>();
        totals.forEach((key, total) -> plain.put(key, dev.edp.runtime.cur.Amounts.plain(total.unblendedCost()) + " x" + total.lineItems()));
        return plain;
    }

    /** Counts DynamoDB calls by operation, and the items each writes (batch writes) or reads. */
    static final class Counter implements ExecutionInterceptor {
        private final Map<String, Long> counts = new TreeMap<>();

        synchronized void reset() {
            counts.clear();
        }

        synchronized Map<String, Long> snapshot() {
            return new TreeMap<>(counts);
        }

        @Override
        public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            String operation = request.getClass().getSimpleName().replace("Request", "");
            counts.merge(operation, 1L, Long::sum);
            if (request instanceof BatchWriteItemRequest batch) {
                counts.merge("write:BatchWriteItem", (long) batch.requestItems().values().stream().mapToInt(List::size).sum(), Long::sum);
            }
        }

        @Override
        public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            Object response = context.response();
            if (response instanceof GetItemResponse get && get.hasItem() && !get.item().isEmpty()) {
                counts.merge("read:GetItem", 1L, Long::sum);
            } else if (response instanceof QueryResponse query) {
                counts.merge("read:Query", (long) query.count(), Long::sum);
            } else if (response instanceof BatchGetItemResponse batch) {
                counts.merge("read:BatchGetItem", (long) batch.responses().values().stream().mapToInt(List::size).sum(), Long::sum);
            }
        }
    }
}
