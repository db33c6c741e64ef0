package dev.edp.runtime.cur;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurReaderTest {

    private static final LocalDate JAN_15 = LocalDate.of(2024, 1, 15);
    private static final LocalDate JAN_16 = LocalDate.of(2024, 1, 16);

    @Test
    void legacyLayoutSumsEveryLineItemTypePerDayAccountAndService() throws IOException {
        ReportBuilder report = ReportBuilder.legacy()
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1.10")
                .row("2024-01-15T13:00:00Z", "111111111111", "AmazonEC2", "2.25")
                .row("2024-01-15T14:00:00Z", "111111111111", "AmazonEC2", "-0.35") // a credit
                .row("2024-01-15T01:00:00Z", "222222222222", "AmazonS3", "0.000001")
                .row("2024-01-16T00:00:00Z", "111111111111", "AmazonEC2", "5");

        CurAggregation result = read(report.csv());

        assertThat(result.layout()).isEqualTo(CurLayout.LEGACY);
        assertThat(result.lineItems()).isEqualTo(5);
        assertThat(result.totals()).containsExactly(
                Map.entry(new CostKey(JAN_15, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("3.00"), 3)),
                Map.entry(new CostKey(JAN_15, "222222222222", "AmazonS3"), new CostTotal(new BigDecimal("0.000001"), 1)),
                Map.entry(new CostKey(JAN_16, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("5"), 1)));
        assertThat(result.grandTotal()).isEqualByComparingTo("8.000001");
    }

    @Test
    void cur2LayoutWithItsColumnsInAnotherOrder() throws IOException {
        ReportBuilder report = ReportBuilder.cur2()
                .row("2024-01-15T00:00:00.000Z", "111111111111", "AmazonEC2", "1.5")
                .row("2024-01-15 23:00:00", "111111111111", "AmazonEC2", "2.5");

        CurAggregation result = read(report.csv());

        assertThat(result.layout()).isEqualTo(CurLayout.CUR2);
        assertThat(result.totals()).containsExactly(
                Map.entry(new CostKey(JAN_15, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("4.0"), 2)));
    }

    @Test
    void gzipGivesTheSameTotalsAsPlainText() throws IOException {
        ReportBuilder report = ReportBuilder.legacy().tags(3)
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1.10")
                .row("2024-01-16T00:00:00Z", "222222222222", "AmazonRDS", "7.5");

        assertThat(read(report.gzip()).totals()).isEqualTo(read(report.csv()).totals()).hasSize(2);
    }

    @Test
    void byteOrderMarkAndCrlfLineEndings() throws IOException {
        ReportBuilder report = ReportBuilder.legacy().bom().crlf()
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1.10")
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "2");

        assertThat(report.csv()).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(read(report.csv()).totals()).containsExactly(
                Map.entry(new CostKey(JAN_15, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("3.10"), 2)));
    }

    @Test
    void carriageReturnAloneEndsALineAndCountsForLineNumbers() throws IOException {
        String header = "lineItem/UnblendedCost,lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode";
        String good = header + "\r1.5,2024-01-15T00:00:00Z,1,EC2\r2,2024-01-15T03:00:00Z,1,EC2\r";
        String bad = header + "\r1.5,2024-01-15T00:00:00Z,1,EC2\rx,2024-01-15T03:00:00Z,1,EC2\r";

        assertThat(read(good.getBytes(StandardCharsets.UTF_8)).totals()).containsExactly(
                Map.entry(new CostKey(JAN_15, "1", "EC2"), new CostTotal(new BigDecimal("3.5"), 2)));
        assertBad(bad.getBytes(StandardCharsets.UTF_8), 3, "lineItem/UnblendedCost 'x' is not a number");
    }

    @Test
    void quotedCommasQuotesAndLineBreaksInsideFields() throws IOException {
        ReportBuilder report = ReportBuilder.legacy()
                .row("\"a, b\"", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .row("\"say \"\"hi\"\"\"", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "2")
                .row("\"line one\nline two\nline three\"", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "3")
                .row("plain", "2024-01-15T00:00:00Z", "\"111111111111\"", "\"Amazon, Inc. \"\"EC2\"\"\"", "4");

        CurAggregation result = read(report.csv());

        assertThat(result.lineItems()).isEqualTo(4);
        assertThat(result.totals()).containsExactly(
                Map.entry(new CostKey(JAN_15, "111111111111", "Amazon, Inc. \"EC2\""), new CostTotal(new BigDecimal("4"), 1)),
                Map.entry(new CostKey(JAN_15, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("6"), 3)));
    }

    @Test
    void amountsInScientificNotationAreExact() throws IOException {
        ReportBuilder report = ReportBuilder.legacy()
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonS3", "1.5E-7")
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonS3", "2e3")
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonS3", "-3.0E+1")
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonS3", "0.1")
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonS3", "0.2");

        BigDecimal total = read(report.csv()).totals().firstEntry().getValue().unblendedCost();

        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; here it is exact.
        assertThat(Amounts.plain(total)).isEqualTo("1970.30000015");
    }

    @Test
    void manyTagColumnsAroundTheNeededOnes() throws IOException {
        ReportBuilder report = ReportBuilder.legacy().tags(500)
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1.25")
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1.25");

        assertThat(report.columns()).hasSize(507);
        assertThat(read(report.csv()).totals()).containsExactly(
                Map.entry(new CostKey(JAN_15, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("2.50"), 2)));
    }

    @Test
    void usageStartsAreTakenInUtc() throws IOException {
        ReportBuilder report = ReportBuilder.legacy()
                .row("2024-01-15T23:30:00-02:00", "111111111111", "AmazonEC2", "1")   // 01:30 UTC on the 16th
                .row("2024-01-16T00:30:00+02:00", "111111111111", "AmazonEC2", "10")  // 22:30 UTC on the 15th
                .row("2024-01-15", "111111111111", "AmazonEC2", "100");

        assertThat(read(report.csv()).totals()).containsExactly(
                Map.entry(new CostKey(JAN_15, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("110"), 2)),
                Map.entry(new CostKey(JAN_16, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("1"), 1)));
    }

    @Test
    void aHeaderWithoutRowsIsAnEmptyReport() throws IOException {
        CurAggregation result = read(ReportBuilder.legacy().csv());

        assertThat(result.lineItems()).isZero();
        assertThat(result.totals()).isEmpty();
    }

    @Test
    void aGeneratedReportSumsLikeAStraightforwardReference() throws IOException {
        Random random = new Random(42);
        ReportBuilder report = ReportBuilder.cur2().tags(20).crlf();
        Map<CostKey, BigDecimal> expected = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            LocalDate day = JAN_15.plusDays(random.nextInt(10));
            String account = "10000000000" + random.nextInt(3);
            String service = "Service" + random.nextInt(7);
            BigDecimal cost = BigDecimal.valueOf(random.nextLong() % 1_000_000_000L, 8);
            report.row(day + "T0" + random.nextInt(10) + ":00:00Z", account, service, cost.toString());
            expected.merge(new CostKey(day, account, service), cost, BigDecimal::add);
        }

        CurAggregation result = read(report.gzip());

        assertThat(result.lineItems()).isEqualTo(5_000);
        assertThat(result.totals()).hasSameSizeAs(expected);
        expected.forEach((key, cost) -> assertThat(result.totals().get(key).unblendedCost()).isEqualByComparingTo(cost));
    }

    @Test
    void thousandsOfGroupsAndTotalsBeyondALongAreExactToTheScale() throws IOException {
        Random random = new Random(43);
        ReportBuilder report = ReportBuilder.legacy();
        Map<CostKey, BigDecimal> expected = new HashMap<>();
        Map<CostKey, Long> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            LocalDate day = JAN_15.plusDays(random.nextInt(40));
            String account = Long.toString(100_000_000_000L + random.nextInt(60));
            String service = "Service" + random.nextInt(25); // up to 60,000 groups: the group table grows many times
            String cost = switch (random.nextInt(4)) {
                case 0 -> "999999999999999999";                                      // 18 digits: totals overflow a long
                case 1 -> "-0.000000000" + random.nextInt(1000);                      // a credit, more decimals
                case 2 -> random.nextInt(100) + "." + random.nextInt(100) + "E+" + random.nextInt(4);
                default -> "1234567890123456789.5";                                   // 20 digits: BigDecimal throughout
            };
            report.row("plain", day + "T00:00:00Z", account, service, cost);
            CostKey key = new CostKey(day, account, service);
            expected.merge(key, new BigDecimal(cost), BigDecimal::add);
            counts.merge(key, 1L, Long::sum);
        }

        CurAggregation result = read(report.csv());

        assertThat(result.totals()).hasSameSizeAs(expected);
        expected.forEach((key, cost) -> assertThat(result.totals().get(key))
                .isEqualTo(new CostTotal(BigDecimal.ZERO.add(cost), counts.get(key)))); // equals: value and scale
    }

    // ---- bad files: each error names the file and the line ----

    @Test
    void missingCostColumn() {
        String csv = "lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode\n2024-01-15T00:00:00Z,1,EC2\n";

        assertBad(csv.getBytes(StandardCharsets.UTF_8), 1, "missing cost column");
    }

    @Test
    void missingAnotherNeededColumn() {
        String csv = "lineItem/UsageStartDate,lineItem/UnblendedCost,lineItem/ProductCode\n2024-01-15T00:00:00Z,1,EC2\n";

        assertBad(csv.getBytes(StandardCharsets.UTF_8), 1, "missing column lineItem/UsageAccountId");
    }

    @Test
    void nonNumericAmountNamesItsLineEvenAfterMultiLineFields() {
        ReportBuilder report = ReportBuilder.legacy()
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")   // lines 2-3 (quoted line break)
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "2")   // lines 4-5
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "12,34".replace(",", "x")); // line 6

        assertBad(report.csv(), 6, "lineItem/UnblendedCost '12x34' is not a number");
    }

    @Test
    void emptyAmount() {
        ReportBuilder report = ReportBuilder.cur2()
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "");

        assertBad(report.csv(), 2, "line_item_unblended_cost is empty");
    }

    @Test
    void usageStartThatIsNotATimestamp() {
        ReportBuilder report = ReportBuilder.legacy()
                .row("plain", "yesterday", "111111111111", "AmazonEC2", "1");

        assertBad(report.csv(), 2, "lineItem/UsageStartDate 'yesterday' is not a timestamp");
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereTheFieldStarts() {
        ReportBuilder report = ReportBuilder.legacy()
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .raw("\"never closed,2024-01-15T00:00:00Z,1,1,x,y,1")
                .raw("more text");

        assertBad(report.csv(), 4, "unterminated quoted field");
    }

    @Test
    void textAfterAClosingQuoteNamesItsLine() {
        ReportBuilder report = ReportBuilder.legacy()
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .row("\"quoted\" then text", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1");

        assertBad(report.csv(), 3, "malformed CSV: Unexpected character after closing quote");
    }

    @Test
    void aRecordTooLongForTheParsersBufferFailsInsteadOfFillingTheHeap() {
        // 20 MiB of text without a line break: the parser gives up at its 16 MiB buffer, so a file of any size
        // that is not CSV is refused in bounded memory.
        String endless = "x".repeat(20 << 20);
        ReportBuilder report = ReportBuilder.legacy()
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .raw(endless);

        assertBad(report.csv(), 3, "malformed CSV: ");
    }

    @Test
    void rowWithFewerFieldsThanTheHeader() {
        ReportBuilder report = ReportBuilder.legacy()
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .raw("just,three,fields");

        assertBad(report.csv(), 3, "the row has 3 fields, the header names 7");
    }

    @Test
    void emptyFile() {
        assertBad(new byte[0], 1, "empty file");
        assertBad(ReportBuilder.gzip(new byte[0]), 1, "empty file");
    }

    @Test
    void binaryGarbage() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'x'; // not the gzip magic

        assertBad(garbage, 1, "not UTF-8 text");
    }

    @Test
    void textThatIsNotACostReport() {
        assertBad("hello world\nthis is not a report\n".getBytes(StandardCharsets.UTF_8), 1, "missing cost column");
    }

    @Test
    void truncatedGzip() {
        ReportBuilder report = ReportBuilder.legacy();
        for (int i = 0; i < 2_000; i++) {
            report.row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", Integer.toString(i));
        }
        byte[] gzip = report.gzip();
        byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);

        assertThatThrownBy(() -> read(truncated))
                .isInstanceOf(CurFormatException.class)
                .hasMessageStartingWith("s3://bucket/report.csv: line ")
                .hasMessageContaining("corrupt gzip data");
    }

    private static CurAggregation read(byte[] bytes) throws IOException {
        return CurReader.aggregate("s3://bucket/report.csv", new ByteArrayInputStream(bytes));
    }

    private static void assertBad(byte[] bytes, long line, String reason) {
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOfSatisfying(CurFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo("s3://bucket/report.csv");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).contains(reason);
                })
                .hasMessageStartingWith("s3://bucket/report.csv: line " + line + ": ");
    }
}
