package dev.edp.runtime.cur;

import dev.edp.runtime.cur.CurParquetWriter.Column;
import dev.edp.runtime.cur.CurParquetWriter.Kind;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parquet reports give the totals of the CSV of the same line items, under the same rules; a truncated or non-Parquet
 * object is refused before anything is summed.
 */
class CurParquetTest {

    private static final LocalDate JAN_15 = LocalDate.of(2024, 1, 15);

    @TempDir
    Path dir;

    /** One line item: what both the CSV and the Parquet twin hold. */
    record Item(String usageStart, String account, String product, String cost) {
    }

    @Test
    void cur2ColumnsWithDoubleCostsGiveTheCsvTotals() throws IOException {
        List<Item> items = List.of(
                new Item("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1.10"),
                new Item("2024-01-15T13:00:00Z", "111111111111", "AmazonEC2", "2.25"),
                new Item("2024-01-15T14:00:00Z", "111111111111", "AmazonEC2", "-0.35"),
                new Item("2024-01-15T23:59:59Z", "222222222222", "AmazonS3", "0.000001"),
                new Item("2024-01-16T00:00:00Z", "111111111111", "AmazonEC2", "1.4985956077"),
                new Item("2024-01-16T01:00:00Z", "011111111111", "AmazonEC2", "1.2E-9"));

        CurAggregation parquet = read(parquet(CurLayout.CUR2, Kind.DOUBLE, items, CompressionCodecName.SNAPPY));

        assertThat(parquet.layout()).isEqualTo(CurLayout.CUR2);
        assertThat(parquet.lineItems()).isEqualTo(6);
        assertThat(plain(parquet)).isEqualTo(plain(csv(CurLayout.CUR2, items))).containsEntry(
                new CostKey(JAN_15, "111111111111", "AmazonEC2"), "3 x3");
        assertThat(parquet.totals()).containsKey(new CostKey(JAN_15.plusDays(1), "011111111111", "AmazonEC2"));
    }

    @Test
    void legacyColumnNamesWithDecimalCostsAreExactToTheScale() throws IOException {
        List<Item> items = List.of(
                new Item("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "0.1234567891"),
                new Item("2024-01-15T01:00:00Z", "111111111111", "AmazonEC2", "99999999.9999999999"),
                new Item("2024-01-15T02:00:00Z", "222222222222", "AWSLambda", "-0.0000000001"));

        CurAggregation parquet = read(parquet(CurLayout.LEGACY, Kind.DECIMAL, items, CompressionCodecName.GZIP));

        assertThat(parquet.layout()).isEqualTo(CurLayout.LEGACY);
        assertThat(plain(parquet)).isEqualTo(plain(csv(CurLayout.LEGACY, items)));
        assertThat(parquet.totals().get(new CostKey(JAN_15, "111111111111", "AmazonEC2")).unblendedCost())
                .isEqualTo(new BigDecimal("100000000.1234567890")); // DECIMAL(18, 10): value and scale
    }

    @Test
    void aDoubleIsTheShortestDecimalThatReadsBackAsIt() throws IOException {
        // 0.1 + 0.2 is 0.30000000000000004 in binary arithmetic; read as the decimals 0.1 and 0.2 it is 0.3. A
        // double that only a 17-digit decimal names (0.1 + 0.2 computed in double) is exactly that decimal.
        List<Item> items = List.of(
                new Item("2024-01-15T00:00:00Z", "1", "A", "0.1"),
                new Item("2024-01-15T00:00:00Z", "1", "A", "0.2"),
                new Item("2024-01-15T00:00:00Z", "2", "B", Double.toString(0.1 + 0.2)),
                new Item("2024-01-15T00:00:00Z", "3", "C", "123456789012.345"), // 15 significant digits
                new Item("2024-01-15T00:00:00Z", "4", "D", "1E-12")); // printed 1.0E-12

        CurAggregation parquet = read(parquet(CurLayout.CUR2, Kind.DOUBLE, items, CompressionCodecName.UNCOMPRESSED));

        assertThat(plain(parquet)).containsExactly(
                Map.entry(new CostKey(JAN_15, "1", "A"), "0.3 x2"),
                Map.entry(new CostKey(JAN_15, "2", "B"), "0.30000000000000004 x1"),
                Map.entry(new CostKey(JAN_15, "3", "C"), "123456789012.345 x1"),
                Map.entry(new CostKey(JAN_15, "4", "D"), "0.000000000001 x1"));
    }

    @Test
    void anyDecimalOfUpToFifteenDigitsStoredAsADoubleReadsAsItself() throws IOException {
        Random random = new Random(16);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long digits = (long) (random.nextDouble() * 1e15);
            BigDecimal cost = BigDecimal.valueOf(random.nextBoolean() ? digits : -digits, random.nextInt(16));
            items.add(new Item("2024-01-" + (10 + random.nextInt(5)) + "T0" + random.nextInt(10) + ":00:00Z",
                    "10000000000" + random.nextInt(10), "Service" + random.nextInt(30), cost.toPlainString()));
        }
        // Small row groups: the reader moves from one to the next.
        Path file = parquet(CurLayout.CUR2, Kind.DOUBLE, items, CompressionCodecName.SNAPPY, 64 << 10);

        CurAggregation parquet = read(file);

        assertThat(parquet.lineItems()).isEqualTo(items.size());
        assertThat(plain(parquet)).isEqualTo(plain(csv(CurLayout.CUR2, items)));
    }

    @Test
    void theS3StreamIsSpooledAndReadWhateverTheName() throws IOException {
        List<Item> items = List.of(new Item("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "2.5"));
        byte[] bytes = Files.readAllBytes(parquet(CurLayout.CUR2, Kind.DOUBLE, items, CompressionCodecName.SNAPPY));

        for (String name : List.of("s3://bucket/cur/export-00001.snappy.parquet", "s3://bucket/misnamed.csv")) {
            CurAggregation report = CurReader.aggregate(name, new ByteArrayInputStream(bytes));
            assertThat(plain(report)).containsExactly(Map.entry(new CostKey(JAN_15, "111111111111", "AmazonEC2"), "2.5 x1"));
        }
    }

    @Test
    void aTruncatedParquetObjectIsRefusedNamingIt() throws IOException {
        List<Item> items = List.of(new Item("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "2.5"),
                new Item("2024-01-16T00:00:00Z", "111111111111", "AmazonEC2", "3.5"));
        byte[] bytes = Files.readAllBytes(parquet(CurLayout.CUR2, Kind.DOUBLE, items, CompressionCodecName.SNAPPY));
        String name = "s3://bucket/cur/data/BILLING_PERIOD=2024-01/export-00001.snappy.parquet";

        for (int cut : new int[]{1, 8, bytes.length / 2, bytes.length - 4}) {
            byte[] truncated = Arrays.copyOf(bytes, bytes.length - cut);
            assertThatThrownBy(() -> CurReader.aggregate(name, new ByteArrayInputStream(truncated)))
                    .isInstanceOf(CurFormatException.class)
                    .hasMessageStartingWith(name + ": line 1: not a readable Parquet file (cut short, or not Parquet)");
        }
    }

    @Test
    void aParquetObjectThatIsNotParquetIsRefusedNamingIt() {
        byte[] csv = ReportBuilder.cur2().row("2024-01-15T00:00:00Z", "1", "A", "1").csv();

        assertThatThrownBy(() -> CurReader.aggregate("s3://bucket/report.parquet", new ByteArrayInputStream(csv)))
                .isInstanceOf(CurFormatException.class)
                .hasMessage("s3://bucket/report.parquet: line 1: not a Parquet file: named .parquet, but it does not start with PAR1");
        assertThatThrownBy(() -> CurReader.aggregate("s3://bucket/empty.PARQUET", new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(CurFormatException.class)
                .hasMessageContaining("not a Parquet file");
    }

    @Test
    void corruptPagesFailTheWholeFile() throws IOException {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            items.add(new Item("2024-01-15T00:00:00Z", "1111111111" + (i % 97), "Service" + (i % 13), i + ".25"));
        }
        byte[] bytes = Files.readAllBytes(parquet(CurLayout.CUR2, Kind.DOUBLE, items, CompressionCodecName.SNAPPY));
        for (int at = 4; at < bytes.length / 2; at += 7) {
            bytes[at] ^= (byte) 0x5a;
        }
        byte[] corrupt = bytes;

        assertThatThrownBy(() -> CurReader.aggregate("s3://bucket/corrupt.parquet", new ByteArrayInputStream(corrupt)))
                .isInstanceOf(CurFormatException.class)
                .hasMessageStartingWith("s3://bucket/corrupt.parquet: line ");
    }

    @Test
    void badValuesFailAtTheLineTheirCsvTwinFailsAt() throws IOException {
        List<Item> items = List.of(new Item("2024-01-15T00:00:00Z", "1", "A", "1"),
                new Item("2024-01-15T00:00:00Z", "1", "A", null));
        String csvMessage = message(() -> csv(CurLayout.CUR2, List.of(items.get(0),
                new Item("2024-01-15T00:00:00Z", "1", "A", ""))));
        Path file = parquet(CurLayout.CUR2, Kind.DOUBLE, items, CompressionCodecName.SNAPPY);

        assertThat(message(() -> read(file))).isEqualTo(csvMessage.replace("csv-twin", "parquet"))
                .isEqualTo("parquet: line 3: line_item_unblended_cost is empty");

        List<Item> noStart = List.of(new Item(null, "1", "A", "1"));
        assertThat(message(() -> read(parquet(CurLayout.CUR2, Kind.DOUBLE, noStart, CompressionCodecName.SNAPPY))))
                .isEqualTo("parquet: line 2: line_item_usage_start_date '' is not a timestamp");
    }

    @Test
    void aColumnOfTheWrongTypeIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve("typed.parquet");
        try (CurParquetWriter writer = new CurParquetWriter(file, List.of(
                new Column("line_item_usage_start_date", Kind.TIMESTAMP),
                new Column("line_item_usage_account_id", Kind.DOUBLE),
                new Column("line_item_product_code", Kind.STRING),
                new Column("line_item_unblended_cost", Kind.DOUBLE)), CompressionCodecName.SNAPPY)) {
            writer.write(Arrays.asList(Instant.parse("2024-01-15T00:00:00Z"), 1.11111111111E11, "A", 1.0));
        }

        assertThat(message(() -> read(file))).isEqualTo("parquet: line 1: column line_item_usage_account_id is DOUBLE; "
                + "an account id or product code must be a string");
    }

    @Test
    void aReportWithoutTheCostColumnIsRefusedAsInCsv() throws IOException {
        Path file = dir.resolve("nocost.parquet");
        try (CurParquetWriter writer = new CurParquetWriter(file, List.of(new Column("line_item_usage_start_date", Kind.TIMESTAMP)),
                CompressionCodecName.SNAPPY)) {
            writer.write(List.of(Instant.parse("2024-01-15T00:00:00Z")));
        }

        assertThat(message(() -> read(file))).startsWith("parquet: line 1: missing cost column");
    }

    @Test
    void primingReadsTheReportShippedInTheJar() throws IOException {
        CurAggregation primed = CurParquet.prime("s3://edp-priming/priming.parquet");

        assertThat(primed.lineItems()).isEqualTo(2);
        assertThat(primed.grandTotal()).isEqualByComparingTo("1.498");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Path parquet(CurLayout layout, Kind costKind, List<Item> items, CompressionCodecName codec) throws IOException {
        return parquet(layout, costKind, items, codec, 128L << 20);
    }

    /** The items as Parquet: the CSV test reports' columns, the usage start a TIMESTAMP, the cost {@code costKind}. */
    private Path parquet(CurLayout layout, Kind costKind, List<Item> items, CompressionCodecName codec, long rowGroup)
            throws IOException {
        Path file = dir.resolve("report-" + System.nanoTime() + ".parquet");
        List<String> header = (layout == CurLayout.LEGACY ? ReportBuilder.legacy() : ReportBuilder.cur2()).columns();
        List<Column> columns = new ArrayList<>();
        for (String name : header) {
            columns.add(new Column(name, name.equals(layout.cost()) ? costKind
                    : name.equals(layout.usageStart()) ? Kind.TIMESTAMP : Kind.STRING));
        }
        try (CurParquetWriter writer = new CurParquetWriter(file, columns, codec, rowGroup)) {
            for (Item item : items) {
                List<Object> values = new ArrayList<>();
                for (String name : header) {
                    values.add(name.equals(layout.cost()) ? (item.cost() == null ? null : new BigDecimal(item.cost()))
                            : name.equals(layout.usageStart()) ? (item.usageStart() == null ? null : Instant.parse(item.usageStart()))
                            : name.equals(layout.account()) ? item.account()
                            : name.equals(layout.product()) ? item.product()
                            : "Usage, \"quoted\"");
                }
                writer.write(values);
            }
        }
        return file;
    }

    private static CurAggregation csv(CurLayout layout, List<Item> items) throws IOException {
        ReportBuilder report = (layout == CurLayout.LEGACY ? ReportBuilder.legacy() : ReportBuilder.cur2());
        // Descriptions without line breaks: a CSV line is then a row, as Parquet errors count them.
        items.forEach(item -> report.row("\"Usage, \"\"quoted\"\"\"", item.usageStart(), item.account(), item.product(),
                item.cost()));
        return CurReader.aggregate("csv-twin", new ByteArrayInputStream(report.csv()));
    }

    private static CurAggregation read(Path file) throws IOException {
        return CurParquet.aggregate("parquet", file);
    }

    /** The totals as written to the ledger: plain decimals (scale aside), with the line-item count. */
    private static Map<CostKey, String> plain(CurAggregation report) {
        Map<CostKey, String> plain = new TreeMap<>();
        report.totals().forEach((key, total) -> plain.put(key, Amounts.plain(total.unblendedCost()) + " x" + total.lineItems()));
        return plain;
    }

    private interface Read {
        Object run() throws IOException;
    }

    private static String message(Read read) {
        try {
            read.run();
        } catch (CurFormatException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no CurFormatException");
    }
}
