package dev.edp.runtime.cur;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class CostCsvTest {

    private static final Map<CostKey, CostTotal> TOTALS = new TreeMap<>(Map.of(
            new CostKey(LocalDate.of(2024, 1, 2), "111111111111", "AmazonEC2"), new CostTotal(new BigDecimal("1.50E+2"), 3),
            new CostKey(LocalDate.of(2024, 1, 1), "#111", "Amazon, \"S3\""), new CostTotal(new BigDecimal("-0.10"), 1),
            new CostKey(LocalDate.of(2024, 1, 1), "", "line\nbreak\rand\r\nmore"), new CostTotal(new BigDecimal("0.000"), 2),
            new CostKey(LocalDate.of(2024, 1, 1), "222", "Zürich 東京 😀"), new CostTotal(new BigDecimal("1E-10"), 9)));

    /** The rows as FastCSV's writer (what CostCsv used before) writes them: the output must not change. */
    private static String fastCsv(Map<CostKey, CostTotal> totals, List<String> extraHeader, List<String> extra)
            throws java.io.IOException {
        StringWriter out = new StringWriter();
        CsvWriter printer = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
        List<String> header = new ArrayList<>(CostCsv.HEADER);
        header.addAll(extraHeader);
        printer.writeRecord(header);
        new TreeMap<>(totals).forEach((key, total) -> {
            List<String> row = new ArrayList<>(List.of(key.usageDate().toString(), key.accountId(), key.service(),
                    Amounts.plain(total.unblendedCost()), Long.toString(total.lineItems())));
            row.addAll(extra);
            printer.writeRecord(row);
        });
        printer.flush();
        return out.toString();
    }

    @Test
    void writesWhatFastCsvWrote() throws Exception {
        StringWriter out = new StringWriter();
        CostCsv.write(TOTALS, out);
        assertThat(out.toString()).isEqualTo(fastCsv(TOTALS, List.of(), List.of()))
                .contains("\n2024-01-01,#111,\"Amazon, \"\"S3\"\"\",-0.1,1\n", "\n2024-01-01,,\"line\nbreak\rand\r\nmore\",0,2\n");
    }

    @Test
    void extraColumnsAndUnsortedMapsToo() throws Exception {
        Map<CostKey, CostTotal> unsorted = new LinkedHashMap<>();
        new TreeMap<>(TOTALS).descendingMap().forEach(unsorted::put);
        List<String> extraHeader = List.of("source_bucket", "#source_key");
        List<String> extra = List.of("bucket", "a,b\"c");
        StringWriter out = new StringWriter();
        CostCsv.write(unsorted, out, extraHeader, extra);
        assertThat(out.toString()).isEqualTo(fastCsv(TOTALS, extraHeader, extra));
    }

    @Test
    void noTotalsIsTheHeaderAlone() throws Exception {
        StringWriter out = new StringWriter();
        CostCsv.write(Map.of(), out);
        assertThat(out.toString()).isEqualTo("usage_date,account_id,service,unblended_cost,line_items\n");
    }
}
