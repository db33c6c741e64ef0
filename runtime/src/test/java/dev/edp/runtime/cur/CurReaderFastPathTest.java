package dev.edp.runtime.cur;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * larger than the scanner's buffers sums like the plain one, inflated on a second thread ({@link ReadAhead}) or
 * not. Each case against the rule {@link CurReaderTest} states for the parser as a whole.
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

    @ParameterizedTest(name = "inflating on a second thread: {0}")
    @ValueSource(booleans = {true, false})
    void aLargeGzipReportSumsLikeThePlainOne(boolean readAhead) throws IOException {
        byte[] csv = manyRows(60_000, "1.5");
        byte[] gzip = ReportBuilder.gzip(csv);

        CurAggregation plain = read(csv, false);
        CurAggregation inflated = read(gzip, readAhead);

        assertThat(csv.length).isGreaterThan(6 << 20) // past the scanner's small first reads (4 MiB) into its 1 MiB ones
                .isGreaterThan(ReadAhead.CHUNK * (ReadAhead.CHUNKS + 2)); // more than is ever in flight
        assertThat(inflated.totals()).isEqualTo(plain.totals());
        assertThat(inflated.lineItems()).isEqualTo(60_000);
        assertNoReadAheadThreadLeft();
    }

    @ParameterizedTest(name = "inflating on a second thread: {0}")
    @ValueSource(booleans = {true, false})
    void aCutLargeGzipReportFailsAsCorruptAndABadLineStopsTheRead(boolean readAhead) {
        byte[] gzip = ReportBuilder.gzip(manyRows(25_000, "1.5"));
        byte[] cut = Arrays.copyOf(gzip, gzip.length * 2 / 3);
        assertThatThrownBy(() -> read(cut, readAhead)).isInstanceOf(CurFormatException.class)
                .hasMessageContaining("corrupt gzip data");

        byte[] badEarly = ReportBuilder.gzip(manyRows(25_000, "x")); // line 2 is bad: the rest is never read
        assertThatThrownBy(() -> read(badEarly, readAhead)).isInstanceOfSatisfying(CurFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).isEqualTo("lineItem/UnblendedCost 'x' is not a number");
        });
        assertNoReadAheadThreadLeft();
    }

    /** gzip allows members one after the other (what `cat a.gz b.gz` makes): the report is all of them. */
    @ParameterizedTest(name = "inflating on a second thread: {0}")
    @ValueSource(booleans = {true, false})
    void aGzipOfSeveralMembersIsReadToItsLastMember(boolean readAhead) throws IOException {
        byte[] csv = manyRows(30_000, "1.5");
        int cut = indexOfLineStartAfter(csv, csv.length / 3);
        byte[] first = ReportBuilder.gzip(Arrays.copyOf(csv, cut));
        byte[] second = ReportBuilder.gzip(Arrays.copyOfRange(csv, cut, csv.length));
        byte[] members = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, members, first.length, second.length);

        CurAggregation inflated = read(members, readAhead);

        assertThat(inflated.lineItems()).isEqualTo(30_000);
        assertThat(inflated.totals()).isEqualTo(read(csv, false).totals());
    }

    private static int indexOfLineStartAfter(byte[] csv, int from) {
        int p = from;
        while (csv[p] != '\n') {
            p++;
        }
        return p + 1;
    }

    private static void assertNoReadAheadThreadLeft() {
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("cur-read-ahead"));
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

    private static CurAggregation read(byte[] bytes, boolean readAhead) throws IOException {
        return CurReader.aggregate("s3://bucket/report.csv", new ByteArrayInputStream(bytes), readAhead);
    }

    private static void assertBad(byte[] bytes, long line, String reason) {
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOfSatisfying(CurFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).contains(reason);
                });
    }
}
