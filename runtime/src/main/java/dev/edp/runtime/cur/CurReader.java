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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private CurReader() {
    }

    /** Reads and sums the whole stream; {@code file} names it in errors. The caller closes the stream. */
    public static CurAggregation aggregate(String file, InputStream in) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(reader(file, in)).setFormat(FORMAT).get()) {
            return new Sum(file, parser).run();
        }
    }

    /**
     * Text of the (possibly gzip-compressed) stream, decoded strictly: bytes that are not UTF-8 are an error. Public
     * so that benchmarks can feed other parsers the same text.
     */
    public static Reader reader(String file, InputStream raw) throws IOException {
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
            CurColumns columns = CurColumns.of(file, header.toList());
            CurAggregator aggregator = new CurAggregator(file, columns.layout());
            int cost = columns.cost();
            int start = columns.start();
            int account = columns.account();
            int product = columns.product();
            long line = parser.getCurrentLineNumber() + 1;
            for (CSVRecord record = next(records, line); record != null; record = next(records, line)) {
                columns.requireFields(file, record.size(), line);
                aggregator.add(record.get(cost), record.get(start), record.get(account), record.get(product), line);
                line = parser.getCurrentLineNumber() + 1;
            }
            return aggregator.result();
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
}
