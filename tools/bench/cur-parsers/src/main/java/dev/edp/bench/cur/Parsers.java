package dev.edp.bench.cur;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurAggregator;
import dev.edp.runtime.cur.CurColumns;
import dev.edp.runtime.cur.CurLayout;
import dev.edp.runtime.cur.CurReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The parsers under comparison. Each reads the text that {@link CurReader#reader} makes of the stream (gzip detected
 * by its magic bytes, strict UTF-8) and, except the parse-only baseline, hands the four needed fields of each line
 * item to the same {@link CurAggregator} as the product, so the totals are exact and identical.
 */
enum Parsers {

    /** The product: {@code CurReader.aggregate}, FastCSV making Strings of the four needed fields only. */
    FASTCSV("fastcsv") {
        @Override
        CurAggregation aggregate(String file, InputStream in) throws IOException {
            return CurReader.aggregate(file, in);
        }
    },

    /** The product's first parser: commons-csv materialising every field of every record, same aggregation. */
    COMMONS_CSV("commons-csv") {
        @Override
        CurAggregation aggregate(String file, InputStream in) throws IOException {
            try (CSVParser parser = CSVParser.builder().setReader(CurReader.reader(file, in)).setFormat(RFC4180).get()) {
                var records = parser.iterator();
                if (!records.hasNext()) {
                    throw new IOException(file + ": empty file: no header row");
                }
                CurColumns columns = CurColumns.of(file, records.next().toList());
                CurAggregator aggregator = new CurAggregator(file, columns.layout());
                long line = parser.getCurrentLineNumber() + 1;
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    columns.requireFields(file, record.size(), line);
                    aggregator.add(record.get(columns.cost()), record.get(columns.start()),
                            record.get(columns.account()), record.get(columns.product()), line);
                    line = parser.getCurrentLineNumber() + 1;
                }
                return aggregator.result();
            }
        }
    },

    /** commons-csv iterating the records and nothing else: the ceiling of any aggregation on top of it. */
    COMMONS_CSV_PARSE_ONLY("commons-csv-parse-only") {
        @Override
        CurAggregation aggregate(String file, InputStream in) throws IOException {
            long records = 0;
            try (CSVParser parser = CSVParser.builder().setReader(CurReader.reader(file, in)).setFormat(RFC4180).get()) {
                for (CSVRecord ignored : parser) {
                    records++;
                }
            }
            return new CurAggregation(file, CurLayout.LEGACY, records - 1, new TreeMap<>());
        }
    },

    /** commons-csv on every core, chunks cut at record boundaries (experiment: {@link ParallelChunks}). */
    COMMONS_CSV_PARALLEL("commons-csv-parallel") {
        @Override
        CurAggregation aggregate(String file, InputStream in) throws IOException {
            return ParallelChunks.aggregate(file, in);
        }
    },

    /** jackson-dataformat-csv, streaming tokens; text is taken of the four needed fields only. */
    JACKSON_CSV("jackson-csv") {
        @Override
        CurAggregation aggregate(String file, InputStream in) throws IOException {
            CsvFactory factory = CsvFactory.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                    .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
            try (Reader text = CurReader.reader(file, in); CsvParser parser = factory.createParser(text)) {
                List<String> header = new ArrayList<>();
                if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new IOException(file + ": empty");
                }
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    header.add(parser.getText());
                }
                CurColumns columns = CurColumns.of(file, header);
                CurAggregator aggregator = new CurAggregator(file, columns.layout());
                String[] fields = new String[4];
                int[] wanted = columns.slots();
                while (parser.nextToken() == JsonToken.START_ARRAY) {
                    long line = parser.currentLocation().getLineNr();
                    int index = 0;
                    Arrays.fill(fields, null);
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        int slot = index < wanted.length ? wanted[index] : -1;
                        if (slot >= 0) {
                            fields[slot] = parser.getText();
                        }
                        index++;
                    }
                    columns.requireFields(file, index, line);
                    aggregator.add(fields[0], fields[1], fields[2], fields[3], line);
                }
                return aggregator.result();
            }
        }
    };

    /** commons-csv's format as the product used it: RFC 4180, blank lines skipped. */
    static final CSVFormat RFC4180 = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final String label;

    Parsers(String label) {
        this.label = label;
    }

    abstract CurAggregation aggregate(String file, InputStream in) throws IOException;

    String label() {
        return label;
    }

    static Parsers named(String label) {
        for (Parsers parser : values()) {
            if (parser.label.equals(label)) {
                return parser;
            }
        }
        throw new IllegalArgumentException("unknown parser " + label + "; one of " + names());
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Parsers::label).toList();
    }
}
