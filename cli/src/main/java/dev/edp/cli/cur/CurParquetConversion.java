package dev.edp.cli.cur;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.edp.runtime.cur.CurParquetWriter;
import dev.edp.runtime.cur.CurParquetWriter.Column;
import dev.edp.runtime.cur.CurParquetWriter.Kind;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A CSV cost report as Parquet with the same line items, typed as CUR 2.0 declares its columns (Data Exports' table
 * dictionary): costs, usage amounts and the normalization factor {@code double}, dates {@code timestamp}, everything
 * else (rates too) {@code string}; an empty field is a null. Snappy-compressed, as Data Exports writes. So the
 * benchmark and the tests compare a Parquet report with the CSV it came from.
 */
final class CurParquetConversion {

    private CurParquetConversion() {
    }

    /** Writes {@code csv} (plain UTF-8, a header row first) to {@code parquet}. */
    static void convert(Path csv, Path parquet) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            Iterator<CsvRecord> records = reader.iterator();
            List<Column> columns = new ArrayList<>();
            for (String name : records.next().getFields()) {
                columns.add(new Column(name, kind(name)));
            }
            try (CurParquetWriter writer = new CurParquetWriter(parquet, columns, CompressionCodecName.SNAPPY)) {
                List<Object> values = new ArrayList<>(columns.size());
                while (records.hasNext()) {
                    CsvRecord record = records.next();
                    values.clear();
                    for (int i = 0; i < columns.size(); i++) {
                        values.add(value(columns.get(i).kind(), record.getField(i)));
                    }
                    writer.write(values);
                }
            }
        }
    }

    /** The CUR 2.0 type of a column, by its (legacy or CUR 2.0) name. */
    static Kind kind(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("cost") || lower.endsWith("amount") || lower.endsWith("normalizationfactor")
                || lower.endsWith("normalization_factor")) {
            return Kind.DOUBLE;
        }
        return lower.endsWith("date") ? Kind.TIMESTAMP : Kind.STRING;
    }

    private static Object value(Kind kind, String text) {
        if (text.isEmpty()) {
            return null;
        }
        return switch (kind) {
            case DOUBLE, DECIMAL -> new BigDecimal(text);
            case TIMESTAMP -> Instant.parse(text);
            case STRING -> text;
        };
    }
}
