package dev.edp.runtime.cur;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Totals as CSV: {@code usage_date,account_id,service,unblended_cost,line_items}, rows sorted by the first three
 * columns, amounts as plain decimals. What {@code edp cur aggregate} prints and what the curated copy holds (the
 * curated copy adds the source object's columns).
 *
 * <p>Written by hand, not by FastCSV's writer (the product's writer before, whose output this is, byte for byte:
 * {@code CostCsvTest}): a report's 18,600 rows through it took 100-150 ms of a fresh JVM, the interpreter's and the
 * JIT's work for code that runs once per process, against 10-20 ms here (docs/benchmarks.md, "Parser, fourth pass").
 */
public final class CostCsv {

    public static final List<String> HEADER = List.of("usage_date", "account_id", "service", "unblended_cost", "line_items");

    private CostCsv() {
    }

    /** Writes the header and one row per total, in key order; {@code extra} columns are appended to every row. */
    public static void write(Map<CostKey, CostTotal> totals, Writer out, List<String> extraHeader, List<String> extra)
            throws IOException {
        // Sorted maps in key order (the aggregation's) are read as they are; anything else is sorted first.
        Map<CostKey, CostTotal> sorted = totals instanceof SortedMap<CostKey, CostTotal> map && map.comparator() == null
                ? totals : new java.util.TreeMap<>(totals);
        StringBuilder text = new StringBuilder(1 << 16);
        record(text, HEADER, extraHeader);
        for (Map.Entry<CostKey, CostTotal> row : sorted.entrySet()) {
            CostKey key = row.getKey();
            field(text, key.usageDate().toString(), true);
            field(text, key.accountId(), false);
            field(text, key.service(), false);
            field(text, Amounts.plain(row.getValue().unblendedCost()), false);
            text.append(',').append(row.getValue().lineItems());
            end(text, extra);
            if (text.length() >= 1 << 16) {
                out.append(text);
                text.setLength(0);
            }
        }
        out.append(text);
        out.flush();
    }

    /** Writes the header and the rows, nothing else. */
    public static void write(Map<CostKey, CostTotal> totals, Writer out) throws IOException {
        write(totals, out, List.of(), List.of());
    }

    private static void record(StringBuilder text, List<String> fields, List<String> extra) {
        for (int i = 0; i < fields.size(); i++) {
            field(text, fields.get(i), i == 0);
        }
        end(text, extra);
    }

    private static void end(StringBuilder text, List<String> extra) {
        for (String field : extra) {
            field(text, field, false);
        }
        text.append('\n');
    }

    /**
     * One field, after a comma unless {@code first}: quoted, its quotes doubled, when it holds a comma, a quote or a
     * line break, and as the first field when it starts with {@code #} (which a reader could take for a comment):
     * FastCSV's rules (RFC 4180, quotes only where required), so the output is what it was.
     */
    private static void field(StringBuilder text, String value, boolean first) {
        if (!first) {
            text.append(',');
        }
        boolean quote = first && !value.isEmpty() && value.charAt(0) == '#';
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            text.append(value);
            return;
        }
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            text.append(c);
            if (c == '"') {
                text.append('"');
            }
        }
        text.append('"');
    }
}
