package dev.edp.runtime.cur;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records straight from UTF-8 bytes, making Strings of the fields asked for and of nothing else: what
 * {@link CurReader} parses reports with. Written for the one job, because decoding every byte to a char and then
 * scanning the chars (FastCSV's way, the product's parser before) was most of the time a report took
 * (docs/benchmarks.md, "CUR parser against DuckDB").
 *
 * <p>The rules are those the reader had with FastCSV, strictly: fields separated by commas, records by LF, CR or
 * CRLF; a field that starts with a quote is quoted, may hold commas, line breaks and doubled quotes, and must be
 * followed by a comma or the end of the record ("Unexpected character after closing quote"); a quote inside an
 * unquoted field is a character; a quote never closed is an error at the line the record starts; empty lines are
 * skipped; no record may exceed {@link #MAX_RECORD} bytes, so text that is not CSV is refused in bounded memory.
 * Every byte is checked to be UTF-8 (eight at a time while they are ASCII); the error names the line of the record
 * being read at the first bad byte. Line numbers count every line break, inside quotes too (header = line 1).
 */
final class CsvScanner {

    /** The longest record (in bytes) before the input is refused as not CSV. */
    static final int MAX_RECORD = 16 << 20;
    private static final int CHUNK = 1 << 20;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Why the input is not CSV; {@code line} is where the record starts. */
    static final class MalformedException extends Exception {
        final long line;
        final boolean notUtf8;

        MalformedException(long line, String message, boolean notUtf8) {
            super(message);
            this.line = line;
            this.notUtf8 = notUtf8;
        }
    }

    /** What receives each record. */
    interface Records {
        /** The header: every field, as text. */
        void header(List<String> fields, long line) throws MalformedException;

        /** A line item: the fields {@link #wanted} asked for (null when the row is too short), and the row's width. */
        void row(String[] fields, int fieldCount, long line);
    }

    private final InputStream in;
    private byte[] buffer = new byte[CHUNK];
    /** Bytes [0, limit) are in the buffer; [0, valid) are checked UTF-8; [valid, limit) wait for more bytes. */
    private int limit;
    private int valid;
    private boolean eof;
    /** Set once bytes that are not UTF-8 were found at {@link #valid}. */
    private boolean badBytes;
    private long line = 1;
    private int[] slots = new int[0];
    private String[] fields = new String[0];

    CsvScanner(InputStream in) {
        this.in = in;
    }

    /** Reads every record: the first to {@link Records#header}, then {@code slotsOf} says which fields to keep. */
    void scan(Records records, java.util.function.Supplier<int[]> slotsOf, int wanted) throws IOException, MalformedException {
        int pos = 0;
        boolean header = true;
        List<String> headerFields = new ArrayList<>();
        fields = new String[wanted];
        while (true) {
            // Empty lines are skipped, and counted.
            while (true) {
                if (pos >= valid) {
                    pos = refill(pos, line);
                    if (pos >= valid) {
                        if (badBytes) {
                            throw notUtf8(line);
                        }
                        return;
                    }
                }
                byte b = buffer[pos];
                if (b == '\n') {
                    line++;
                    pos++;
                } else if (b == '\r') {
                    if (pos + 1 >= valid && more()) {
                        pos = refill(pos, line);
                        continue;
                    }
                    pos += pos + 1 < valid && buffer[pos + 1] == '\n' ? 2 : 1;
                    line++;
                } else {
                    break;
                }
            }
            long startLine = line;
            int end = scanRecord(pos, startLine, header ? headerFields : null);
            while (end < 0) { // the record runs past the buffer: read more, then read it again from its start
                line = startLine;
                pos = refill(pos, startLine);
                end = scanRecord(pos, startLine, header ? headerFields : null);
            }
            if (end - pos > MAX_RECORD) {
                throw new MalformedException(startLine, "a record exceeds " + MAX_RECORD + " bytes: this is not CSV", false);
            }
            pos = end;
            if (header) {
                records.header(headerFields, startLine);
                slots = slotsOf.get();
                header = false;
            } else {
                records.row(fields, fieldCount, startLine);
            }
        }
    }

    private int fieldCount;

    /** The line being read: where the current record starts, or the next line between records. */
    long line() {
        return line;
    }

    /**
     * Reads the record at {@code p}: its fields into {@code headerFields} (the header) or the wanted ones into
     * {@link #fields}, their number into {@link #fieldCount}. Returns where the next record starts, or -1 when the
     * buffer ends before the record does and more bytes may come.
     */
    private int scanRecord(int p, long startLine, List<String> headerFields) throws MalformedException {
        if (headerFields != null) {
            headerFields.clear();
        } else {
            java.util.Arrays.fill(fields, null);
        }
        int index = 0;
        byte[] buf = buffer;
        int valid = this.valid;
        while (true) { // one field per round
            int from = p;
            boolean quoted = buf[p] == '"';
            boolean escapes = false;
            if (quoted) {
                p++;
                while (true) {
                    if (p >= valid) {
                        if (more()) {
                            return -1;
                        }
                        throw badBytes ? notUtf8(startLine) : new MalformedException(startLine, "Unclosed quoted field", false);
                    }
                    byte b = buf[p];
                    if (b == '"') {
                        if (p + 1 >= valid && more()) {
                            return -1;
                        }
                        if (p + 1 < valid && buf[p + 1] == '"') {
                            escapes = true;
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    if (b == '\n') {
                        line++;
                    } else if (b == '\r') {
                        if (p + 1 >= valid && more()) {
                            return -1;
                        }
                        if (p + 1 >= valid || buf[p + 1] != '\n') {
                            line++;
                        }
                    }
                    p++;
                }
            } else {
                while (p < valid) {
                    byte b = buf[p];
                    if (b == ',' || b == '\n' || b == '\r') {
                        break;
                    }
                    p++;
                }
                if (p >= valid) {
                    if (more()) {
                        return -1;
                    }
                    if (badBytes) {
                        throw notUtf8(startLine);
                    }
                }
            }
            if (headerFields != null) {
                headerFields.add(text(from, p, quoted, escapes));
            } else if (index < slots.length && slots[index] >= 0) {
                fields[slots[index]] = text(from, p, quoted, escapes);
            }
            index++;
            if (p >= valid) { // the end of the input ends the record
                fieldCount = index;
                return p;
            }
            byte next = buf[p];
            if (next == ',') {
                p++;
                if (p >= valid) {
                    if (more()) {
                        return -1;
                    }
                    if (badBytes) {
                        throw notUtf8(startLine);
                    }
                    if (headerFields != null) { // a comma at the very end: one more, empty field
                        headerFields.add("");
                    } else if (index < slots.length && slots[index] >= 0) {
                        fields[slots[index]] = "";
                    }
                    fieldCount = index + 1;
                    return p;
                }
                continue;
            }
            if (next == '\n' || next == '\r') {
                if (next == '\r' && p + 1 >= valid && more()) {
                    return -1;
                }
                line++;
                fieldCount = index;
                return p + (next == '\r' && p + 1 < valid && buf[p + 1] == '\n' ? 2 : 1);
            }
            throw new MalformedException(startLine, "Unexpected character after closing quote: '"
                    + (char) (next & 0xff) + "' (0x" + Integer.toHexString(next & 0xff) + ")", false);
        }
    }

    /** Whether bytes may follow the checked ones: not at the end of the input, nor at bytes that are not UTF-8. */
    private boolean more() {
        return !eof && !badBytes;
    }

    /** The field's text: without its quotes, doubled quotes made single. */
    private String text(int from, int to, boolean quoted, boolean escapes) {
        if (!quoted) {
            return new String(buffer, from, to - from, StandardCharsets.UTF_8);
        }
        String inner = new String(buffer, from + 1, to - from - 2, StandardCharsets.UTF_8);
        return escapes ? inner.replace("\"\"", "\"") : inner;
    }

    private static MalformedException notUtf8(long at) {
        return new MalformedException(at, "not UTF-8", true);
    }

    /**
     * Keeps the bytes from {@code keep} on (the record being read), moved to the front, and reads until more bytes
     * are checked, the input ends or bad bytes are found; returns {@code keep}'s new index (0). A record longer than
     * {@link #MAX_RECORD} is not CSV.
     */
    private int refill(int keep, long recordLine) throws IOException, MalformedException {
        if (!more()) {
            return keep;
        }
        int kept = limit - keep;
        if (kept > MAX_RECORD) {
            throw new MalformedException(recordLine, "a record exceeds " + MAX_RECORD + " bytes: this is not CSV", false);
        }
        System.arraycopy(buffer, keep, buffer, 0, kept);
        valid -= keep;
        limit = kept;
        if (limit == buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        int before = valid;
        while (valid == before && more()) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
            validate();
            if (valid == before && limit == buffer.length && more()) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2); // a sequence cut at the buffer's end
            }
        }
        return 0;
    }

    /** Advances {@link #valid} over the well-formed UTF-8 in [valid, limit); marks bad bytes, or a cut sequence at EOF. */
    private void validate() {
        int p = valid;
        int end = limit;
        while (p < end) {
            if (p + 8 <= end && ((long) LONGS.get(buffer, p) & HIGH_BITS) == 0) {
                p += 8;
                continue;
            }
            int b = buffer[p] & 0xff;
            if (b < 0x80) {
                p++;
                continue;
            }
            int need;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                need = 1;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                need = 2;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                need = 3;
                min = 0x10000;
            } else {
                badBytes = true;
                break;
            }
            if (p + need >= end) {
                if (!eof) {
                    break; // the sequence continues in the next read
                }
                badBytes = true;
                break;
            }
            int code = b & (0x3f >> need);
            boolean ok = true;
            for (int i = 1; i <= need; i++) {
                int c = buffer[p + i] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    ok = false;
                    break;
                }
                code = (code << 6) | (c & 0x3f);
            }
            if (!ok || code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
                badBytes = true;
                break;
            }
            p += need + 1;
        }
        valid = p;
    }
}
