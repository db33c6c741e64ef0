package dev.edp.runtime.cur;


import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a cost report as a stream and sums it: memory grows with the number of (day, account, service) groups,
 * never with the file's size. A Parquet report (its first bytes are {@code PAR1}) goes to {@link CurParquet}. Plain CSV or gzip (recognised by its magic bytes, whatever the name says), UTF-8 with
 * or without a byte-order mark, any line endings, RFC 4180 quoting (commas, quotes and line breaks inside fields),
 * amounts in scientific notation, either {@link CurLayout}, any other columns in any order.
 *
 * <p>Parsing is {@link CsvScanner}'s, straight from the bytes, handing the four needed fields of a row to the
 * {@link CurAggregator} as bytes: a report has 40 to 200 columns, and materialising all of them was what held
 * commons-csv, the first parser, at 2.4 times the Python peer at best; decoding every byte to a char held FastCSV,
 * the second, at half DuckDB's speed; a String per needed field and its hash were the next cost (docs/benchmarks.md,
 * issue 16). A gzip report is inflated on a second thread when the JVM has more than one processor (on Lambda, two
 * vCPUs' worth of memory: {@link ReadAhead#worthIt}), so that on two idle cores it takes about its plain one's time;
 * on the parser's own otherwise (docs/benchmarks.md, "Parser, fourth pass": it won on a quiet machine, took more CPU
 * for no shorter wall time on a loaded one).
 *
 * <p>Everything that is not a readable report fails with a {@link CurFormatException} naming the file and line:
 * an empty file, no cost column, a row without the needed fields, an amount that is not a number, a start that is
 * not a timestamp, an unterminated quote, text after a closing quote, bytes that are not UTF-8 text, corrupt or cut
 * gzip data, and what the ledger could never store ({@link CurAggregator}).
 */
public final class CurReader {

    private static final int BUFFER = 1 << 16;

    private CurReader() {
    }

    /** Reads and sums the whole stream; {@code file} names it in errors. The caller closes the stream. */
    public static CurAggregation aggregate(String file, InputStream raw) throws IOException {
        return aggregate(file, raw, ReadAhead.WORTH_IT);
    }

    /** The same, inflating gzip on a second thread or not: tests take both paths whatever the machine. */
    static CurAggregation aggregate(String file, InputStream raw, boolean readAhead) throws IOException {
        // Parquet (CurParquet) by its magic bytes, whatever the name; a .parquet that is not Parquet is refused.
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        if (CurParquet.startsWithMagic(in)) {
            return CurParquet.aggregate(file, in);
        }
        if (CurParquet.isNamedParquet(file)) {
            throw new CurFormatException(file, 1, "not a Parquet file: named .parquet, but it does not start with PAR1");
        }
        LineItems rows = new LineItems(file);
        InputStream bytes = bytes(file, in);
        if (readAhead && bytes instanceof Gzip) {
            bytes = new ReadAhead(bytes); // inflation on a second processor, beside the parser
        }
        CsvScanner scanner = new CsvScanner(bytes);
        try (ReadAhead ignored = bytes instanceof ReadAhead ahead ? ahead : null) { // stops the thread on any end
            scanner.scan(rows, rows::slots, 4);
        } catch (CsvScanner.MalformedException e) {
            String reason = e.notUtf8 ? "not UTF-8 text (invalid bytes at or after this line)"
                    : e.getMessage().startsWith("Unclosed quoted field")
                    ? "unterminated quoted field: the quote that opens at this line is never closed"
                    : "malformed CSV: " + e.getMessage();
            throw new CurFormatException(file, e.line, reason, e);
        } catch (ZipException e) {
            throw new CurFormatException(file, scanner.line(), "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CurFormatException(file, scanner.line(), "unreadable: " + e.getMessage(), e);
        }
        return rows.result();
    }

    /**
     * Text of the (possibly gzip-compressed) stream, decoded strictly: bytes that are not UTF-8 are an error. Public
     * so that benchmarks can feed other parsers the same text.
     */
    public static Reader reader(String file, InputStream raw) throws IOException {
        return new InputStreamReader(bytes(file, raw), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The bytes of the report: the stream itself, or inflated when it starts with gzip's magic bytes. */
    private static InputStream bytes(String file, InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first != 0x1f || second != 0x8b) {
            return in;
        }
        try {
            return new Gzip(in); // reads the whole gzip header
        } catch (EOFException e) {
            throw new CurFormatException(file, 1, "corrupt gzip data: the file ends inside the gzip header", e);
        } catch (ZipException e) {
            throw new CurFormatException(file, 1, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) { // as a read error after the header would be
            throw new CurFormatException(file, 1, "unreadable: " + e.getMessage(), e);
        }
    }

    /** The header in full, then the four needed fields of each line item, handed to the {@link CurAggregator}. */
    private static final class LineItems implements CsvScanner.Records {
        private final String file;
        private CurColumns columns;
        private CurAggregator aggregator;

        LineItems(String file) {
            this.file = file;
        }

        int[] slots() {
            return columns.slots();
        }

        @Override
        public void header(List<String> fields, long line) {
            columns = CurColumns.of(file, fields);
            aggregator = new CurAggregator(file, columns.layout());
        }

        @Override
        public void row(byte[] bytes, int[] from, int[] to, int fieldCount, long line) {
            columns.requireFields(file, fieldCount, line);
            aggregator.add(bytes, from, to, line);
        }

        CurAggregation result() {
            if (aggregator == null) {
                throw new CurFormatException(file, 1, "empty file: no header row");
            }
            return aggregator.result();
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
