package dev.edp.runtime.cur;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the parser's shortcuts must not change (issue 16): the columns after the last needed one are read for their
 * syntax only, the needed fields reach the aggregation as bytes (quoted, escaped or plain alike), and a gzip report
 * larger than the scanner's buffers sums like the plain one. Each case against the rule {@link CurReaderTest} states
 * for the parser as a whole.
 */
class CurReaderFastPathTest {

    private static final LocalDate JAN_15 = LocalDate.of(2024, 1, 15);

    @Test
    void anUnclosedQuoteInAColumnAfterTheNeededOnesNamesTheLineWhereItOpens() {
        ReportBuilder report = ReportBuilder.legacy().tags(3)
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .raw("x,id,2024-01-15T00:00:00Z,111111111111,Usage,AmazonEC2,1,a,\"never closed,b")
                .raw("more text");

        assertBad(report.csv(), 4, "unterminated quoted field");
    }

    @Test
    void textAfterAClosingQuoteInAColumnAfterTheNeededOnesIsMalformed() {
        ReportBuilder report = ReportBuilder.legacy().tags(3)
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .raw("x,id,2024-01-15T00:00:00Z,111111111111,Usage,AmazonEC2,1,a,\"quoted\"after,b");

        assertBad(report.csv(), 4, "malformed CSV: Unexpected character after closing quote: 'a'");
    }

    @Test
    void quotesAndLineBreaksInTheColumnsAfterTheNeededOnesKeepTheLineCount() {
        ReportBuilder report = ReportBuilder.legacy().tags(3)
                // a quote inside an unquoted field is a character; quoted fields hold commas, quotes, line breaks
                .raw("x,id,2024-01-15T00:00:00Z,111111111111,Usage,AmazonEC2,1,5\" disk,\"a,\"\"b\"\"\nc\",\"\r\n\"")
                .raw("x,id,2024-01-15T00:00:00Z,111111111111,Usage,AmazonEC2,2,,,")
                .raw("x,id,2024-01-15T00:00:00Z,111111111111,Usage,AmazonEC2,oops,a,b,c");

        assertBad(report.csv(), 6, "lineItem/UnblendedCost 'oops' is not a number");
    }

    @Test
    void quotedAndEscapedNeededFieldsAreTheirText() throws IOException {
        ReportBuilder report = ReportBuilder.legacy()
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1.25")
                .row("\"2024-01-15T00:00:00Z\"", "\"111111111111\"", "\"AmazonEC2\"", "\"2.5\"")
                .row("2024-01-15T01:00:00Z", "111111111111", "\"Amazon\"\"EC2\"\"\"", "\"1E+1\"")
                .row("2024-01-15T02:00:00Z", "111111111111", "Amazon\"EC2\"", "3"); // unquoted: quotes are text

        Map<CostKey, CostTotal> totals = read(report.csv()).totals();

        assertThat(totals).containsOnly(
                Map.entry(new CostKey(JAN_15, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("3.75"), 2)),
                Map.entry(new CostKey(JAN_15, "111111111111", "Amazon\"EC2\""), new CostTotal(new BigDecimal("13"), 2)));
    }

    @Test
    void bytesThatAreNotUtf8InAColumnNoOneReadsAreStillRefused() {
        byte[] good = ReportBuilder.legacy().tags(2)
                .row("2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .raw("x,id,2024-01-15T00:00:00Z,111111111111,Usage,AmazonEC2,1,a,BAD").csv();
        byte[] bad = good.clone();
        int at = new String(good, StandardCharsets.ISO_8859_1).lastIndexOf("BAD");
        bad[at] = (byte) 0xC3; // a two-byte sequence cut short by 'A'

        assertBad(bad, 4, "not UTF-8 text");
    }

    @Test
    void aLargeGzipReportSumsLikeThePlainOne() throws IOException {
        byte[] csv = manyRows(60_000, "1.5");
        byte[] gzip = ReportBuilder.gzip(csv);

        CurAggregation plain = read(csv);
        CurAggregation inflated = read(gzip);

        assertThat(csv.length).isGreaterThan(6 << 20); // past the scanner's small first reads (4 MiB) into its 1 MiB ones
        assertThat(inflated.totals()).isEqualTo(plain.totals());
        assertThat(inflated.lineItems()).isEqualTo(60_000);
    }

    @Test
    void aCutLargeGzipReportFailsAsCorruptAndABadLineStopsTheRead() {
        byte[] gzip = ReportBuilder.gzip(manyRows(25_000, "1.5"));
        byte[] cut = Arrays.copyOf(gzip, gzip.length * 2 / 3);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(CurFormatException.class).hasMessageContaining("corrupt gzip data");

        byte[] badEarly = ReportBuilder.gzip(manyRows(25_000, "x")); // line 2 is bad: the rest is never read
        assertBad(badEarly, 2, "lineItem/UnblendedCost 'x' is not a number");
    }

    private static byte[] manyRows(int rows, String firstAmount) {
        ReportBuilder report = ReportBuilder.legacy().tags(4);
        for (int i = 0; i < rows; i++) {
            report.row("2024-01-" + (10 + i % 20) + "T00:00:00Z", "1111111" + (i % 7), "Service" + (i % 13),
                    i == 0 ? firstAmount : "0.000" + i);
        }
        return report.csv();
    }

    private static CurAggregation read(byte[] bytes) throws IOException {
        return CurReader.aggregate("s3://bucket/report.csv", new ByteArrayInputStream(bytes));
    }

    private static void assertBad(byte[] bytes, long line, String reason) {
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOfSatisfying(CurFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).contains(reason);
                });
    }
}
