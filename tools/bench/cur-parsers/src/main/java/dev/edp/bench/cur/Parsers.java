package dev.edp.bench.cur;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
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
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * The parsers under comparison. Each reads the text that {@link CurReader#reader} makes of the stream (gzip detected
 * by its magic bytes, strict UTF-8) and, except the parse-only baseline, hands the four needed fields of each line
 * item to the same {@link CurAggregator} as the product, so the totals are exact and identical.
 */
enum Parsers {

    /** The product: {@code CurReader.aggregate}, commons-csv materialising every field of every record. */
    COMMONS_CSV("commons-csv") {
        @Override
        CurAggregation aggregate(String file, InputStream in) throws IOException {
            return CurReader.aggregate(file, in);
        }
    },

    /** commons-csv iterating the records and nothing else: the ceiling of any aggregation on top of it. */
    COMMONS_CSV_PARSE_ONLY("commons-csv-parse-only") {
        @Override
        CurAggregation aggregate(String file, InputStream in) throws IOException {
            long records = 0;
            try (CSVParser parser = CSVParser.builder().setReader(CurReader.reader(file, in))
                    .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get()).get()) {
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

    /** FastCSV with a callback handler that makes Strings of the four needed fields only. */
    FASTCSV("fastcsv") {
        @Override
        CurAggregation aggregate(String file, InputStream in) throws IOException {
            NeededFields handler = new NeededFields(file);
            try (CsvReader<NeededFields> reader = CsvReader.builder().skipEmptyLines(true)
                    .allowExtraFields(true).allowMissingFields(true).build(handler, CurReader.reader(file, in))) {
                for (NeededFields ignored : reader) {
                    handler.aggregate();
                }
            }
            return handler.result();
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
                int[] wanted = wanted(columns);
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

    /** For each column index up to the last needed one: which of cost, start, account, product it is (else -1). */
    static int[] wanted(CurColumns columns) {
        int[] wanted = new int[columns.last() + 1];
        Arrays.fill(wanted, -1);
        wanted[columns.cost()] = 0;
        wanted[columns.start()] = 1;
        wanted[columns.account()] = 2;
        wanted[columns.product()] = 3;
        return wanted;
    }

    /** FastCSV's callback: the header row in full, then only the needed fields of each record. */
    private static final class NeededFields extends AbstractBaseCsvCallbackHandler<NeededFields> {
        private final String file;
        private final List<String> header = new ArrayList<>();
        private final String[] fields = new String[4];
        private CurColumns columns;
        private CurAggregator aggregator;
        private int[] wanted;

        NeededFields(String file) {
            this.file = file;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            Arrays.fill(fields, null);
        }

        @Override
        protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
            if (columns == null) {
                header.add(new String(buffer, offset, length));
            } else if (index < wanted.length && wanted[index] >= 0) {
                fields[wanted[index]] = new String(buffer, offset, length);
            }
        }

        @Override
        protected NeededFields buildRecord() {
            return this;
        }

        /** Called once per record, after {@link #buildRecord}. */
        void aggregate() {
            if (columns == null) {
                columns = CurColumns.of(file, Collections.unmodifiableList(header));
                aggregator = new CurAggregator(file, columns.layout());
                wanted = wanted(columns);
                return;
            }
            long line = getStartingLineNumber();
            columns.requireFields(file, getFieldCount(), line);
            aggregator.add(fields[0], fields[1], fields[2], fields[3], line);
        }

        CurAggregation result() throws IOException {
            if (aggregator == null) {
                throw new IOException(file + ": empty file: no header row");
            }
            return aggregator.result();
        }
    }
}
