package dev.edp.runtime.cur;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a cost report as a stream and sums it: memory grows with the number of (day, account, service) groups,
 * never with the file's size. Plain CSV or gzip (recognised by its magic bytes, whatever the name says), UTF-8 with
 * or without a byte-order mark, any line endings, RFC 4180 quoting (commas, quotes and line breaks inside fields),
 * amounts in scientific notation, either {@link CurLayout}, any other columns in any order.
 *
 * <p>Everything that is not a readable report fails with a {@link CurFormatException} naming the file and line:
 * an empty file, no cost column, a row without the needed fields, an amount that is not a number, a start that is
 * not a timestamp, an unterminated quote, bytes that are not UTF-8 text, corrupt gzip data.
 */
public final class CurReader {

    private static final int BUFFER = 1 << 16;
    private static final char BOM = '\uFEFF';

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private CurReader() {
    }

    /** Reads and sums the whole stream; {@code file} names it in errors. The caller closes the stream. */
    public static CurAggregation aggregate(String file, InputStream in) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(reader(file, in)).setFormat(FORMAT).get()) {
            return new Sum(file, parser).run();
        }
    }

    /** Text of the (possibly gzip-compressed) stream, decoded strictly: bytes that are not UTF-8 are an error. */
    private static Reader reader(String file, InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        InputStream text = in;
        if (first == 0x1f && second == 0x8b) {
            try {
                text = new GZIPInputStream(in, BUFFER);
            } catch (ZipException e) {
                throw new CurFormatException(file, 1, "corrupt gzip data: " + e.getMessage(), e);
            }
        }
        return new InputStreamReader(text, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** One pass over one file. */
    private static final class Sum {
        private final String file;
        private final CSVParser parser;
        private final UsageDates dates = new UsageDates();
        private final Map<CostKey, Accumulator> groups = new HashMap<>();
        private long lineItems;

        Sum(String file, CSVParser parser) {
            this.file = file;
            this.parser = parser;
        }

        CurAggregation run() {
            var records = parser.iterator();
            CSVRecord header = next(records, 1);
            if (header == null) {
                throw new CurFormatException(file, 1, "empty file: no header row");
            }
            Columns columns = Columns.of(file, header);
            long line = parser.getCurrentLineNumber() + 1;
            for (CSVRecord record = next(records, line); record != null; record = next(records, line)) {
                add(columns, record, line);
                line = parser.getCurrentLineNumber() + 1;
            }
            TreeMap<CostKey, CostTotal> totals = new TreeMap<>();
            groups.forEach((key, sum) -> totals.put(key, new CostTotal(sum.cost, sum.lineItems)));
            return new CurAggregation(file, columns.layout, lineItems, totals);
        }

        private void add(Columns columns, CSVRecord record, long line) {
            if (record.size() <= columns.last) {
                throw new CurFormatException(file, line, "the row has " + record.size()
                        + " fields, the header names " + columns.width);
            }
            String costText = record.get(columns.cost);
            String startText = record.get(columns.start);
            BigDecimal cost = amount(costText, columns.layout, line);
            LocalDate day = dates.utcDay(startText);
            if (day == null) {
                throw new CurFormatException(file, line, columns.layout.usageStart() + " '" + clip(startText)
                        + "' is not a timestamp");
            }
            CostKey key = new CostKey(day, record.get(columns.account), record.get(columns.product));
            groups.computeIfAbsent(key, k -> new Accumulator()).add(cost);
            lineItems++;
        }

        private BigDecimal amount(String text, CurLayout layout, long line) {
            if (text.isEmpty()) {
                throw new CurFormatException(file, line, layout.cost() + " is empty");
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new CurFormatException(file, line, layout.cost() + " '" + clip(text) + "' is not a number");
            }
        }

        /** The next record, or null at the end; read errors become format errors at {@code line}. */
        private CSVRecord next(java.util.Iterator<CSVRecord> records, long line) {
            try {
                return records.hasNext() ? records.next() : null;
            } catch (UncheckedIOException e) {
                throw readError(e.getCause(), line);
            } catch (IllegalStateException e) {
                // commons-csv reports some malformed input (e.g. an unterminated quote) this way.
                throw new CurFormatException(file, line, "malformed CSV: " + e.getMessage(), e);
            }
        }

        private CurFormatException readError(IOException e, long line) {
            if (e instanceof CharacterCodingException) {
                return new CurFormatException(file, line, "not UTF-8 text (invalid bytes at or after this line)", e);
            }
            if (e instanceof ZipException || e instanceof java.io.EOFException && isGzipTruncation(e)) {
                return new CurFormatException(file, line, "corrupt gzip data: " + e.getMessage(), e);
            }
            String message = String.valueOf(e.getMessage());
            if (message.contains("EOF reached before encapsulated token finished")) {
                return new CurFormatException(file, line, "unterminated quoted field", e);
            }
            return new CurFormatException(file, line, "unreadable: " + message, e);
        }

        private static boolean isGzipTruncation(IOException e) {
            return String.valueOf(e.getMessage()).contains("ZLIB");
        }
    }

    /** Where the needed columns are. */
    private record Columns(CurLayout layout, int cost, int start, int account, int product, int last, int width) {

        static Columns of(String file, CSVRecord header) {
            List<String> names = header.toList().stream().map(String::trim).toList();
            if (!names.isEmpty() && !names.get(0).isEmpty() && names.get(0).charAt(0) == BOM) {
                names = new java.util.ArrayList<>(names);
                names.set(0, names.get(0).substring(1));
            }
            CurLayout layout = names.contains(CurLayout.LEGACY.cost()) ? CurLayout.LEGACY
                    : names.contains(CurLayout.CUR2.cost()) ? CurLayout.CUR2 : null;
            if (layout == null) {
                throw new CurFormatException(file, 1, "missing cost column: neither " + CurLayout.LEGACY.cost()
                        + " (legacy CUR) nor " + CurLayout.CUR2.cost() + " (CUR 2.0) is in the header");
            }
            int[] index = new int[4];
            List<String> required = layout.required();
            for (int i = 0; i < required.size(); i++) {
                index[i] = names.indexOf(required.get(i));
                if (index[i] < 0) {
                    throw new CurFormatException(file, 1, "missing column " + required.get(i));
                }
            }
            int last = Math.max(Math.max(index[0], index[1]), Math.max(index[2], index[3]));
            return new Columns(layout, index[0], index[1], index[2], index[3], last, names.size());
        }
    }

    /** A running sum; mutable so that each row costs one addition, not a new total. */
    private static final class Accumulator {
        private BigDecimal cost = BigDecimal.ZERO;
        private long lineItems;

        void add(BigDecimal amount) {
            cost = cost.add(amount);
            lineItems++;
        }
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
