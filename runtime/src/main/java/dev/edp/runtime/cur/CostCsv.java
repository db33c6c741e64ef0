package dev.edp.runtime.cur;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Totals as CSV: {@code usage_date,account_id,service,unblended_cost,line_items}, rows sorted by the first three
 * columns, amounts as plain decimals. What {@code edp cur aggregate} prints and what the curated copy holds (the
 * curated copy adds the source object's columns).
 */
public final class CostCsv {

    public static final List<String> HEADER = List.of("usage_date", "account_id", "service", "unblended_cost", "line_items");

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private CostCsv() {
    }

    /** Writes the header and one row per total, in key order; {@code extra} columns are appended to every row. */
    public static void write(Map<CostKey, CostTotal> totals, Appendable out, List<String> extraHeader, List<String> extra)
            throws IOException {
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        printer.printRecord(concat(HEADER, extraHeader));
        for (Map.Entry<CostKey, CostTotal> row : new java.util.TreeMap<>(totals).entrySet()) {
            CostKey key = row.getKey();
            printer.printRecord(concat(List.of(key.usageDate().toString(), key.accountId(), key.service(),
                    Amounts.plain(row.getValue().unblendedCost()), Long.toString(row.getValue().lineItems())), extra));
        }
        printer.flush();
    }

    /** Writes the header and the rows, nothing else. */
    public static void write(Map<CostKey, CostTotal> totals, Appendable out) throws IOException {
        write(totals, out, List.of(), List.of());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        if (second.isEmpty()) {
            return first;
        }
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
