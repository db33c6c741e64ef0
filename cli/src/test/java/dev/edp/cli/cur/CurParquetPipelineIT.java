package dev.edp.cli.cur;

import dev.edp.runtime.cur.Amounts;
import dev.edp.runtime.cur.CostKey;
import dev.edp.runtime.cur.CostTotal;
import dev.edp.runtime.cur.CostTotals;
import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurLayout;
import dev.edp.runtime.cur.CurReader;
import dev.edp.sandbox.functions.SqsEventSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CUR 2.0 Parquet through the pipeline on moto: a Data Exports object is routed, read from S3 and committed with the
 * totals of the CSV of the same line items; a cut or non-Parquet {@code .parquet} fails naming the object and line 1,
 * with nothing written.
 */
class CurParquetPipelineIT extends OnCurPipeline {

    private static final String EXPORT_KEY = "cur/my-export/data/BILLING_PERIOD=2024-01/my-export-00001.snappy.parquet";

    @Test
    void aDataExportsParquetObjectIsCommittedWithItsCsvTwinsTotals() throws Exception {
        Path dir = Files.createTempDirectory("edp-parquet-it");
        try {
            Path csv = dir.resolve("report.csv");
            Path parquet = dir.resolve("report.parquet");
            try (OutputStream out = Files.newOutputStream(csv)) {
                new CurFileGenerator(CurLayout.CUR2, 4, 5, 8, LocalDate.of(2024, 1, 1), 31, 16).write(out, 300_000, false);
            }
            CurParquetConversion.convert(csv, parquet);
            pipeline.upload(EXPORT_KEY, Files.readAllBytes(parquet));

            assertThat(pipeline.routeCustomBus()).isEqualTo(1);
            pipeline.eventSource(pipeline.handler(), 10)
                    .pollUntil(() -> pipeline.resources.depth(pipeline.ingest) == 0, Duration.ofSeconds(60));

            CurAggregation expected = CurReader.aggregate("csv-twin", new ByteArrayInputStream(Files.readAllBytes(csv)));
            CostTotals totals = pipeline.totals();
            Map<CostKey, CostTotal> committed = new TreeMap<>();
            expected.days().forEach(day -> committed.putAll(totals.day(day)));
            assertThat(expected.totals()).hasSizeGreaterThan(100);
            assertThat(plain(committed)).isEqualTo(plain(expected.totals()));
            assertThat(pipeline.notifications()).anySatisfy(n -> {
                assertThat(n.kind()).isEqualTo("success");
                assertThat(n.body().path("object").asText()).isEqualTo("s3://" + pipeline.ingestBucket + "/" + EXPORT_KEY);
                assertThat(n.body().path("rows").asLong()).isEqualTo(expected.lineItems());
            });
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void aCutOrNonParquetObjectFailsNamingItWithNothingWritten() throws Exception {
        Path dir = Files.createTempDirectory("edp-parquet-it");
        Path csv = dir.resolve("report.csv");
        Path parquet = dir.resolve("report.parquet");
        try (OutputStream out = Files.newOutputStream(csv)) {
            new CurFileGenerator(CurLayout.CUR2, 0, 3, 3, LocalDate.of(2024, 1, 1), 3, 5).write(out, 50_000, false);
        }
        CurParquetConversion.convert(csv, parquet);
        byte[] whole = Files.readAllBytes(parquet);
        Files.delete(csv);
        Files.delete(parquet);
        Files.delete(dir);
        pipeline.upload("cur/cut.parquet", Arrays.copyOf(whole, whole.length - 64));
        pipeline.upload("cur/text.parquet", "line_item_unblended_cost\n1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(pipeline.routeCustomBus()).isEqualTo(2);

        SqsEventSource.Poll poll = pipeline.eventSource(pipeline.handler(), 10).pollOnce();

        assertThat(poll.received()).hasSize(2);
        assertThat(poll.failed()).hasSize(2);
        String logs = pipeline.logs.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("\"file\":\"s3://" + pipeline.ingestBucket + "/cur/cut.parquet\",\"line\":1")
                .contains("not a readable Parquet file")
                .contains("\"file\":\"s3://" + pipeline.ingestBucket + "/cur/text.parquet\",\"line\":1")
                .contains("not a Parquet file: named .parquet, but it does not start with PAR1");
        assertThat(aws.dynamo.scan(b -> b.tableName(pipeline.table)).items()).as("nothing written").isEmpty();
    }

    private static Map<CostKey, String> plain(Map<CostKey, CostTotal> totals) {
        Map<CostKey, String> plain = new TreeMap<>();
        totals.forEach((key, total) -> plain.put(key, Amounts.plain(total.unblendedCost()) + " x" + total.lineItems()));
        return plain;
    }
}
