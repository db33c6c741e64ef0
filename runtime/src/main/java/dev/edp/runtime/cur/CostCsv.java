package dev.edp.runtime.cur;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Totals as CSV: {@code usage_date,account_id,service,unblended_cost,line_items}, rows sorted by the first three
 * columns, amounts as plain decimals. What {@code edp cur aggregate} prints and what the curated copy holds (the
 * curated copy adds the source object's columns).
 */
public final class CostCsv {

    public static final List<String> HEADER = List.of("usage_date", "account_id", "service", "unblended_cost", "line_items");

    /** RFC 4180 quoting where a field needs it; line feeds, like the rest of the tool output. */
    private static final CsvWriter.CsvWriterBuilder FORMAT = CsvWriter.builder().lineDelimiter(LineDelimiter.LF);

    private CostCsv() {
    }

    /** Writes the header and one row per total, in key order; {@code extra} columns are appended to every row. */
    public static void write(Map<CostKey, CostTotal> totals, Writer out, List<String> extraHeader, List<String> extra)
            throws IOException {
        // Not closed: closing would close the caller's writer.
        CsvWriter printer = FORMAT.build(out);
        printer.writeRecord(concat(HEADER, extraHeader));
        for (Map.Entry<CostKey, CostTotal> row : new java.util.TreeMap<>(totals).entrySet()) {
            CostKey key = row.getKey();
            printer.writeRecord(concat(List.of(key.usageDate().toString(), key.accountId(), key.service(),
                    Amounts.plain(row.getValue().unblendedCost()), Long.toString(row.getValue().lineItems())), extra));
        }
        printer.flush();
    }

    /** Writes the header and the rows, nothing else. */
    public static void write(Map<CostKey, CostTotal> totals, Writer out) throws IOException {
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
