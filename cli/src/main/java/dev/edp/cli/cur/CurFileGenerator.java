package dev.edp.cli.cur;

import dev.edp.runtime.cur.CurLayout;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes realistic cost reports of any size, for benchmarks and emulator tests: the columns a real report has
 * (about forty, plus tag columns), hourly usage over a month, a fixed set of accounts and services, costs with up to
 * ten decimals, credits, the odd amount in scientific notation and descriptions that need quoting. Deterministic for
 * a seed, so two runs write the same bytes.
 *
 * @param layout   the header layout
 * @param tags     how many tag columns
 * @param accounts how many usage accounts
 * @param services how many product codes
 * @param start    the first usage day; rows spread over {@code days} days from it
 * @param days     how many usage days
 * @param seed     the random seed
 */
public record CurFileGenerator(CurLayout layout, int tags, int accounts, int services, LocalDate start, int days, long seed) {

    private static final String[] LEGACY_COLUMNS = {
            "identity/LineItemId", "identity/TimeInterval", "bill/InvoiceId", "bill/BillingEntity", "bill/BillType",
            "bill/PayerAccountId", "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate", "lineItem/UsageAccountId",
            "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/UsageEndDate", "lineItem/ProductCode",
            "lineItem/UsageType", "lineItem/Operation", "lineItem/AvailabilityZone", "lineItem/ResourceId",
            "lineItem/UsageAmount", "lineItem/NormalizationFactor", "lineItem/NormalizedUsageAmount",
            "lineItem/CurrencyCode", "lineItem/UnblendedRate", "lineItem/UnblendedCost", "lineItem/BlendedRate",
            "lineItem/BlendedCost", "lineItem/LineItemDescription", "lineItem/TaxType", "product/ProductName",
            "product/instanceType", "product/location", "product/region", "product/usagetype", "pricing/publicOnDemandCost",
            "pricing/publicOnDemandRate", "pricing/term", "pricing/unit", "reservation/ReservationARN",
            "savingsPlan/SavingsPlanARN", "savingsPlan/SavingsPlanEffectiveCost", "discount/TotalDiscount"};

    /** A month of hourly usage for 20 accounts and 30 services, 8 tag columns, legacy layout. */
    public static CurFileGenerator standard(CurLayout layout, long seed) {
        return new CurFileGenerator(layout, 8, 20, 30, LocalDate.of(2024, 1, 1), 31, seed);
    }

    /** The header's column names. */
    public List<String> header() {
        List<String> names = new ArrayList<>();
        for (String column : LEGACY_COLUMNS) {
            names.add(layout == CurLayout.LEGACY ? column : snake(column));
        }
        for (int i = 0; i < tags; i++) {
            names.add(layout == CurLayout.LEGACY ? "resourceTags/user:tag" + i : "resource_tags_user_tag" + i);
        }
        return names;
    }

    /** Writes rows until at least {@code bytes} (uncompressed) are written; gzip-compressed when {@code gzip}. */
    public Stats write(OutputStream target, long bytes, boolean gzip) throws IOException {
        OutputStream out = gzip ? new GZIPOutputStream(target, 1 << 16) : target;
        CountingWriter counter = new CountingWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        Writer writer = new BufferedWriter(counter, 1 << 16);
        writer.write(String.join(",", header()));
        writer.write('\n');
        Random random = new Random(seed);
        StringBuilder row = new StringBuilder(1024);
        long rows = 0;
        BigDecimal total = BigDecimal.ZERO;
        while (counter.chars + 0L < bytes) {
            BigDecimal cost = cost(random);
            total = total.add(cost);
            row.setLength(0);
            appendRow(row, random, rows, cost);
            writer.append(row);
            rows++;
            if ((rows & 1023) == 0) {
                writer.flush();
            }
        }
        writer.flush();
        if (gzip) {
            ((GZIPOutputStream) out).finish();
        }
        out.flush();
        return new Stats(rows, counter.chars, total);
    }

    /** What was written: data rows, uncompressed characters (ASCII: bytes), the exact sum of costs. */
    public record Stats(long rows, long uncompressedBytes, BigDecimal totalCost) {
    }

    private void appendRow(StringBuilder row, Random random, long index, BigDecimal cost) {
        int day = random.nextInt(days);
        int hour = random.nextInt(24);
        String date = start.plusDays(day).toString();
        String usageStart = date + "T" + two(hour) + ":00:00Z";
        String usageEnd = hour == 23 ? start.plusDays(day + 1L) + "T00:00:00Z" : date + "T" + two(hour + 1) + ":00:00Z";
        int account = random.nextInt(accounts);
        int service = random.nextInt(services);
        boolean credit = cost.signum() < 0;
        String amount = credit || random.nextInt(50) != 0 ? cost.toPlainString() : cost.toString().replace("E", "e");
        String period = start.withDayOfMonth(1) + "T00:00:00Z";
        for (String column : LEGACY_COLUMNS) {
            switch (column) {
                case "identity/LineItemId" -> row.append(Long.toString(seed * 31 + index, 36)).append(index);
                case "identity/TimeInterval" -> row.append(usageStart).append('/').append(usageEnd);
                case "bill/InvoiceId" -> row.append("EUINDE24-").append(100000 + account);
                case "bill/BillingEntity" -> row.append("AWS");
                case "bill/BillType" -> row.append("Anniversary");
                case "bill/PayerAccountId" -> row.append("999999999999");
                case "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate" -> row.append(period);
                case "lineItem/UsageAccountId" -> row.append(100000000000L + account * 7919L);
                case "lineItem/LineItemType" -> row.append(credit ? "Credit" : "Usage");
                case "lineItem/UsageStartDate" -> row.append(usageStart);
                case "lineItem/UsageEndDate" -> row.append(usageEnd);
                case "lineItem/ProductCode", "product/ProductName" -> row.append("AmazonService").append(service);
                case "lineItem/UsageType", "product/usagetype" -> row.append("EUC1-BoxUsage:m5.large");
                case "lineItem/Operation" -> row.append("RunInstances");
                case "lineItem/AvailabilityZone" -> row.append("eu-central-1a");
                case "lineItem/ResourceId" -> row.append("i-0").append(Long.toHexString(random.nextLong() & 0xffffffffffL));
                case "lineItem/UsageAmount", "lineItem/NormalizedUsageAmount" -> row.append("1.0000000000");
                case "lineItem/NormalizationFactor" -> row.append('4');
                case "lineItem/CurrencyCode" -> row.append("USD");
                case "lineItem/UnblendedRate", "lineItem/BlendedRate", "pricing/publicOnDemandRate" -> row.append("0.1150000000");
                case "lineItem/UnblendedCost" -> row.append(amount);
                case "lineItem/BlendedCost", "pricing/publicOnDemandCost", "savingsPlan/SavingsPlanEffectiveCost" -> row.append(cost.toPlainString());
                case "lineItem/LineItemDescription" -> row.append(random.nextInt(10) == 0
                        ? "\"$0.115 per On Demand Linux m5.large Instance Hour, \"\"EU\"\"\"" : "Linux m5.large Instance Hour");
                case "product/instanceType" -> row.append("m5.large");
                case "product/location" -> row.append("\"EU (Frankfurt)\"");
                case "product/region" -> row.append("eu-central-1");
                case "pricing/term" -> row.append("OnDemand");
                case "pricing/unit" -> row.append("Hrs");
                default -> { } // left empty, as most columns of a real report are on most rows
            }
            row.append(',');
        }
        for (int i = 0; i < tags; i++) {
            if ((i + account) % 3 != 0) {
                row.append("team-").append((i * 13 + account) % 17);
            }
            row.append(',');
        }
        row.setLength(row.length() - 1);
        row.append('\n');
    }

    /** Mostly small positive costs with ten decimals, one in twenty a credit. */
    private static BigDecimal cost(Random random) {
        long units = (long) (random.nextDouble() * random.nextDouble() * 50_000_000_000L);
        BigDecimal cost = BigDecimal.valueOf(units, 10);
        return random.nextInt(20) == 0 ? cost.negate() : cost;
    }

    private static String snake(String legacy) {
        String name = legacy.replace('/', '_');
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && name.charAt(i - 1) != '_') {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString();
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    /** Counts characters on their way to the encoder. */
    private static final class CountingWriter extends java.io.FilterWriter {
        long chars;

        CountingWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            super.write(c);
            chars++;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            super.write(buffer, offset, length);
            chars += length;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            super.write(text, offset, length);
            chars += length;
        }
    }
}
