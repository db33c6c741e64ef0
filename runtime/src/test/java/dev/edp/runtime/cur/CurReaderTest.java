package dev.edp.runtime.cur;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
    void offsetsWithoutAColonAreTakenInUtcToo() throws IOException {
        ReportBuilder report = ReportBuilder.legacy()
                .row("plain", "2024-01-15T22:00:00-0500", "111111111111", "AmazonEC2", "1")    // 03:00 UTC on the 16th
                .row("plain", "2024-01-16T01:30:00+0530", "111111111111", "AmazonEC2", "10")   // 20:00 UTC on the 15th
                .row("plain", "2024-01-16 04:00:00+05", "111111111111", "AmazonEC2", "100")    // 23:00 UTC on the 15th
                .row("plain", "2024-01-15T20:00:00.000-05:00", "111111111111", "AmazonEC2", "1000"); // 01:00 on the 16th

        assertThat(read(report.csv()).totals()).containsExactly(
                Map.entry(new CostKey(JAN_15, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("110"), 2)),
                Map.entry(new CostKey(JAN_16, "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("1001"), 2)));
        assertBad(ReportBuilder.legacy().row("plain", "2024-02-30T22:00:00-0500", "1", "EC2", "1").csv(), 2,
                "'2024-02-30T22:00:00-0500' is not a timestamp");
        assertBad(ReportBuilder.legacy().row("plain", "2024-01-15T22:00:00-05000", "1", "EC2", "1").csv(), 2,
                "is not a timestamp");
    }

    @Test
    void amountsAtDynamoDbsLimitsAreSummed() throws IOException {
        String[] amounts = {"1E-130", "-1E-130", "9.9999999999999999999999999999999999999E+125",
                "-9.9999999999999999999999999999999999999E+125", "12345678901234567890123456789012345678",
                "1." + "0".repeat(100), "0E+999999999", "0." + "0".repeat(167)};
        ReportBuilder report = ReportBuilder.legacy();
        for (String amount : amounts) {
            report.row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", amount);
        }

        CostTotal total = read(report.csv()).totals().firstEntry().getValue();

        assertThat(Amounts.plain(total.unblendedCost())).isEqualTo("12345678901234567890123456789012345679");
        assertThat(total.unblendedCost().scale()).isEqualTo(167);
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

    @Test
    void aGzipCutOffInItsHeaderIsCorruptGzipAtLineOne() {
        assertBad(new byte[]{0x1f, (byte) 0x8b}, 1, "corrupt gzip data: the file ends inside the gzip header");
        byte[] gzip = ReportBuilder.legacy().row("plain", "2024-01-15T00:00:00Z", "1", "EC2", "1").gzip();
        for (int length = 2; length < gzip.length; length++) { // every cut, in the header, the data and the trailer
            byte[] cut = Arrays.copyOf(gzip, length);
            assertThatThrownBy(() -> read(cut)).as("cut at %d of %d bytes", length, gzip.length)
                    .isInstanceOf(CurFormatException.class)
                    .hasMessageContaining("corrupt gzip data");
        }
    }

    @Test
    void anAmountWithAHugeExponentFailsAtOnceNamingItsLine() {
        for (String amount : List.of("1E-999999999", "1E-100000000", "1E+999999999", "-1e-999999999", "0E-999999999")) {
            ReportBuilder report = ReportBuilder.legacy()
                    .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                    .row("plain", "2024-01-15T01:00:00Z", "111111111111", "AmazonEC2", amount)
                    .row("plain", "2024-01-15T02:00:00Z", "111111111111", "AmazonEC2", "2");
            // Before the check, these made the sum rescale to 10^8 or 10^9 digits: minutes of CPU, then an
            // ArithmeticException or an OutOfMemoryError, which fails the Lambda's whole batch.
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertBad(report.csv(), 3, "lineItem/UnblendedCost '" + amount + "' "), amount);
        }
    }

    @Test
    void anAmountDynamoDbCannotStoreIsABadLineSayingWhy() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("1E-131", "is smaller in magnitude than 1E-130, the smallest number DynamoDB stores");
        reasons.put("-0.99999E-130", "is smaller in magnitude than 1E-130");
        reasons.put("1E+126", "is larger in magnitude than 9.99...E+125, the largest number DynamoDB stores");
        reasons.put("-10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000", "is larger in magnitude than 9.99...E+125");
        reasons.put("1.23456789012345678901234567890123456789", "has 39 significant digits; DynamoDB stores at most 38");
        reasons.put("0." + "0".repeat(168), "has 168 decimal places; no number DynamoDB stores has more than 167");
        reasons.put("1E-168", "is smaller in magnitude than 1E-130");
        reasons.forEach((amount, reason) -> assertBad(ReportBuilder.cur2()
                        .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                        .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", amount).csv(), 3,
                "line_item_unblended_cost '" + (amount.length() <= 40 ? amount : amount.substring(0, 40) + "...") + "' " + reason));
    }

    @Test
    void anAmountTooLongForAnyDynamoDbNumberIsRefusedBeforeItIsParsed() {
        // BigDecimal's parse is quadratic in the digits: a field of millions of them would hold the function for hours.
        String digits = "1".repeat(5_000_000);
        ReportBuilder report = ReportBuilder.legacy().row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", digits);

        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertBad(report.csv(), 2, "is 5000000 characters long; no number DynamoDB stores needs more than 320"));
    }

    @Test
    void aTotalDynamoDbCannotStoreNamesItsGroupAtItsLastLine() {
        ReportBuilder digits = ReportBuilder.legacy()
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1E+20")
                .row("plain", "2024-01-15T00:00:00Z", "222222222222", "AmazonS3", "5")
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1E-20")  // 41 digits from here
                .row("plain", "2024-01-15T00:00:00Z", "222222222222", "AmazonS3", "6");
        assertBad(digits.csv(), 4, "the total of 2024-01-15, lineItem/UsageAccountId '111111111111', lineItem/ProductCode"
                + " 'AmazonEC2' (its last line item is this line), 100000000000000000000.00000000000000000001, has 41"
                + " significant digits; DynamoDB stores at most 38");

        ReportBuilder magnitude = ReportBuilder.legacy()
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "9E+125")
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "9E+125");
        assertBad(magnitude.csv(), 3, "'AmazonEC2' (its last line item is this line), 18" + "0".repeat(125)
                + ", is larger in magnitude than 9.99...E+125");

        // Each group's total is storable, the file's (the head's unblendedCost) is not.
        ReportBuilder file = ReportBuilder.legacy()
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1E+20")
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonS3", "1E-20")
                .row("plain", "2024-01-16T00:00:00Z", "111111111111", "AmazonS3", "1");
        assertBad(file.csv(), 4, "the file's total (at its last line item), 100000000000000000001.00000000000000000001,"
                + " has 41 significant digits");
    }

    @Test
    void aGroupWhoseLedgerSortKeyExceedsDynamoDbsLimitIsABadLineNamingTheColumn() {
        // The contribution's sort key: OBJECT#<32 hex>#<16 hex>#<account>#<service>, 58 characters and the names.
        CurObject object = new CurObject("bucket", "report.csv", java.util.Optional.of("v1"), "etag", "0");
        String longest = "P".repeat(LedgerKeys.MAX_SK_BYTES - 58 - 12);
        assertThat(LedgerKeys.contributionSk(object.objectId(), object.versionTag(), "111111111111", longest)
                .getBytes(StandardCharsets.UTF_8)).hasSize(LedgerKeys.MAX_SK_BYTES);
        assertThat(LedgerKeys.contributionSkBytes("111111111111", longest)).isEqualTo(LedgerKeys.MAX_SK_BYTES);

        ReportBuilder atTheLimit = ReportBuilder.legacy().row("plain", "2024-01-15T00:00:00Z", "111111111111", longest, "1");
        assertThat(readUnchecked(atTheLimit.csv()).totals()).hasSize(1);

        ReportBuilder product = ReportBuilder.legacy()
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", "AmazonEC2", "1")
                .row("plain", "2024-01-15T00:00:00Z", "111111111111", longest + "P", "1");
        assertBad(product.csv(), 3, "lineItem/ProductCode 'PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP...' is too long: with"
                + " lineItem/UsageAccountId '111111111111' the ledger's sort key would be 1025 bytes URL-encoded, over"
                + " DynamoDB's limit of 1024");

        // 200 characters, but 1,200 once URL-encoded (é is %C3%A9): the limit is on the key DynamoDB receives.
        ReportBuilder account = ReportBuilder.cur2().row("plain", "2024-01-15T00:00:00Z", "é".repeat(200), "AmazonEC2", "1");
        assertBad(account.csv(), 2, "line_item_usage_account_id 'éééééééééééééééééééééééééééééééééééééééé...' is too long:"
                + " with line_item_product_code 'AmazonEC2' the ledger's sort key would be 1267 bytes URL-encoded");
    }

    private static CurAggregation readUnchecked(byte[] bytes) {
        try {
            return read(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
