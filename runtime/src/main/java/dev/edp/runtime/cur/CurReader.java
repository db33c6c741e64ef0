package dev.edp.runtime.cur;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a cost report as a stream and sums it: memory grows with the number of (day, account, service) groups,
 * never with the file's size. Plain CSV or gzip (recognised by its magic bytes, whatever the name says), UTF-8 with
 * or without a byte-order mark, any line endings, RFC 4180 quoting (commas, quotes and line breaks inside fields),
 * amounts in scientific notation, either {@link CurLayout}, any other columns in any order.
 *
 * <p>Parsing is FastCSV's, through a callback handler that makes a {@code String} of the four needed fields of a
 * row and of nothing else: a report has 40 to 200 columns, and materialising all of them was what held
 * commons-csv, the first parser, at 2.4 times the Python peer at best (docs/benchmarks.md, "CUR parser").
 *
 * <p>Everything that is not a readable report fails with a {@link CurFormatException} naming the file and line:
 * an empty file, no cost column, a row without the needed fields, an amount that is not a number, a start that is
 * not a timestamp, an unterminated quote, text after a closing quote, bytes that are not UTF-8 text, corrupt or cut
 * gzip data, and what the ledger could never store ({@link CurAggregator}).
 */
public final class CurReader {

    private static final int BUFFER = 1 << 16;

    /**
     * RFC 4180, strictly: an unterminated quote and text after a closing quote are errors (FastCSV would otherwise
     * take them leniently). Rows may be shorter or longer than the header: {@link CurColumns#requireFields} says
     * when a row lacks a needed field, with a clearer message than a count mismatch would give.
     */
    private static final CsvReader.CsvReaderBuilder FORMAT = CsvReader.builder()
            .skipEmptyLines(true)
            .allowUnclosedQuote(false)
            .allowExtraCharsAfterClosingQuote(false)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE);

    private CurReader() {
    }

    /** Reads and sums the whole stream; {@code file} names it in errors. The caller closes the stream. */
    public static CurAggregation aggregate(String file, InputStream in) throws IOException {
        NeededFields rows = new NeededFields(file);
        try (CsvReader<NeededFields> reader = FORMAT.build(rows, reader(file, in))) {
            var records = reader.iterator();
            while (next(rows, records)) {
                rows.add();
            }
        }
        return rows.result();
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
                text = new Gzip(in); // reads the whole gzip header
            } catch (EOFException e) {
                throw new CurFormatException(file, 1, "corrupt gzip data: the file ends inside the gzip header", e);
            } catch (ZipException e) {
                throw new CurFormatException(file, 1, "corrupt gzip data: " + e.getMessage(), e);
            } catch (IOException e) { // as a read error after the header would be
                throw new CurFormatException(file, 1, "unreadable: " + e.getMessage(), e);
            }
        }
        return new InputStreamReader(text, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Whether there is another record; parse and read errors become format errors at the record's first line. */
    private static boolean next(NeededFields rows, java.util.Iterator<NeededFields> records) {
        try {
            return records.hasNext() && records.next() != null;
        } catch (UncheckedIOException e) {
            throw rows.readError(e.getCause());
        } catch (CsvParseException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IOException)) {
                cause = cause.getCause();
            }
            if (cause instanceof IOException io) {
                throw rows.readError(io);
            }
            String message = String.valueOf(cause.getMessage());
            String reason = message.startsWith("Unclosed quoted field")
                    ? "unterminated quoted field: the quote that opens at this line is never closed"
                    : "malformed CSV: " + message;
            throw new CurFormatException(rows.file, rows.line, reason, e);
        }
    }

    /**
     * FastCSV's callback for one file: the header row in full, then only the needed fields of each row, handed to
     * the {@link CurAggregator} once the row is complete. FastCSV calls {@link #handleBegin} as a record starts, so
     * {@link #line} names the record being read when an error interrupts it.
     */
    private static final class NeededFields extends AbstractBaseCsvCallbackHandler<NeededFields> {
        private final String file;
        private final List<String> header = new ArrayList<>();
        private final String[] fields = new String[4];
        private long line = 1;
        private CurColumns columns;
        private CurAggregator aggregator;
        /** {@link CurColumns#slots()}: where each column's field goes in {@link #fields}, or -1. */
        private int[] slots;

        NeededFields(String file) {
            this.file = file;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
            Arrays.fill(fields, null);
        }

        @Override
        protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
            if (columns == null) {
                header.add(new String(buffer, offset, length));
            } else if (index < slots.length && slots[index] >= 0) {
                fields[slots[index]] = new String(buffer, offset, length);
            }
        }

        @Override
        protected NeededFields buildRecord() {
            return this;
        }

        /** Takes the record just read: the header, or a line item. */
        void add() {
            if (columns == null) {
                columns = CurColumns.of(file, header);
                aggregator = new CurAggregator(file, columns.layout());
                slots = columns.slots();
                return;
            }
            columns.requireFields(file, getFieldCount(), line);
            aggregator.add(fields[0], fields[1], fields[2], fields[3], line);
        }

        CurAggregation result() {
            if (aggregator == null) {
                throw new CurFormatException(file, 1, "empty file: no header row");
            }
            return aggregator.result();
        }

        CurFormatException readError(IOException e) {
            if (e instanceof CharacterCodingException) {
                return new CurFormatException(file, line, "not UTF-8 text (invalid bytes at or after this line)", e);
            }
            if (e instanceof ZipException) {
                return new CurFormatException(file, line, "corrupt gzip data: " + e.getMessage(), e);
            }
            return new CurFormatException(file, line, "unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Gzip whose end of file before the end of the stream (data or trailer cut off) is the {@link ZipException} it
     * is: GZIPInputStream throws a bare EOFException for a cut trailer, which would read as "unreadable: null".
     */
    private static final class Gzip extends GZIPInputStream {
        Gzip(InputStream in) throws IOException {
            super(in, BUFFER);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (EOFException e) {
                ZipException cut = new ZipException("the file ends inside the gzip stream");
                cut.initCause(e);
                throw cut;
            }
        }
    }
}
