package dev.edp.runtime.cur;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records straight from UTF-8 bytes, handing over where the wanted fields of a row are and making no
 * String: what {@link CurReader} parses reports with. Written for the one job, because decoding every byte to a char
 * and then scanning the chars (FastCSV's way, the product's parser before) was most of the time a report took, and
 * then making Strings of the needed fields and hashing them was the next most (docs/benchmarks.md, issue 16). The
 * columns after the last wanted one are read for their syntax only: line breaks and quotes, not commas.
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
    /**
     * The first bytes are read in small pieces, so that records cut by the buffer's end (once per {@link #CHUNK}
     * later on) occur hundreds of times while the JIT profiles the loops: otherwise C2 compiles those branches as
     * never taken, and each first cut later throws the compiled code away (measured: three recompilations of
     * {@link #scanRecord}, docs/benchmarks.md).
     */
    private static final int WARM_UP_BYTES = 4 << 20;
    private static final int WARM_UP_READ = 4 << 10;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long COMMAS = LOW_BITS * ',';
    private static final long QUOTES = LOW_BITS * '"';
    private static final long LFS = LOW_BITS * '\n';
    private static final long CRS = LOW_BITS * '\r';
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

        /**
         * A line item: wanted field i is the UTF-8 text {@code bytes[from[i], to[i])}, unquoted and unescaped, or
         * {@code from[i] == -1} when the row is too short; {@code fieldCount} is the row's width, or any number above
         * the last wanted column's index when the row reaches past it (the rest is read only for its syntax). The
         * arrays are reused for the next row.
         */
        void row(byte[] bytes, int[] from, int[] to, int fieldCount, long line);
    }

    /** Bytes that end an unquoted field. */
    private static final byte FIELD_END = 1;
    /** Bytes that matter in the columns after the last wanted one: a record's end, a quoted field's start. */
    private static final byte SKIP_STOP = 2;
    private static final byte[] CLASSES = new byte[256];

    static {
        CLASSES[','] = FIELD_END;
        CLASSES['\n'] = FIELD_END | SKIP_STOP;
        CLASSES['\r'] = FIELD_END | SKIP_STOP;
        CLASSES['"'] = SKIP_STOP;
    }

    /** A field as it was found: plain, quoted, or quoted with doubled quotes. */
    private static final byte PLAIN = 0;
    private static final byte QUOTED = 1;
    private static final byte ESCAPED = 2;

    private final InputStream in;
    private byte[] buffer = new byte[CHUNK];
    /** Bytes [0, limit) are in the buffer; [0, valid) are checked UTF-8; [valid, limit) wait for more bytes. */
    private int limit;
    private int valid;
    /** Bytes read from the stream so far. */
    private long read;
    private boolean eof;
    /** Set once bytes that are not UTF-8 were found at {@link #valid}. */
    private boolean badBytes;
    private long line = 1;
    /** Column index → wanted field number or -1, up to the last wanted column (null while reading the header). */
    private int[] slots;
    /** Where each field was found: per wanted field in a row, per column in the header (grown as needed). */
    private int[] from = new int[16];
    private int[] to = new int[16];
    private byte[] kinds = new byte[16];
    private int fieldCount;

    CsvScanner(InputStream in) {
        this.in = in;
    }

    /** Reads every record: the first to {@link Records#header}, then {@code slotsOf} says which fields to keep. */
    void scan(Records records, java.util.function.Supplier<int[]> slotsOf, int wanted) throws IOException, MalformedException {
        int pos = 0;
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
            int end = scanRecord(pos, startLine);
            while (end < 0) { // the record runs past the buffer: read more, then read it again from its start
                line = startLine;
                pos = refill(pos, startLine);
                end = scanRecord(pos, startLine);
            }
            if (end - pos > MAX_RECORD) {
                throw new MalformedException(startLine, "a record exceeds " + MAX_RECORD + " bytes: this is not CSV", false);
            }
            pos = end;
            if (slots == null) {
                List<String> header = new ArrayList<>(fieldCount);
                for (int i = 0; i < fieldCount; i++) {
                    header.add(text(from[i], to[i], kinds[i]));
                }
                records.header(header, startLine);
                slots = slotsOf.get();
                from = new int[wanted];
                to = new int[wanted];
                kinds = new byte[wanted];
            } else {
                for (int i = 0; i < wanted; i++) {
                    if (from[i] >= 0 && kinds[i] != PLAIN) {
                        unquote(i);
                    }
                }
                records.row(buffer, from, to, fieldCount, startLine);
            }
        }
    }

    /** The line being read: where the current record starts, or the next line between records. */
    long line() {
        return line;
    }

    /**
     * Reads the record at {@code p}: where its fields are into {@link #from}, {@link #to} and {@link #kinds} (every
     * field of the header, the wanted ones of a row), their number into {@link #fieldCount}. Returns where the next
     * record starts, or -1 when the buffer ends before the record does and more bytes may come.
     */
    private int scanRecord(int p, long startLine) throws MalformedException {
        boolean header = slots == null;
        if (!header) {
            java.util.Arrays.fill(from, -1);
        }
        int index = 0;
        byte[] buf = buffer;
        int valid = this.valid;
        while (true) { // one field per round
            if (!header && index >= slots.length) {
                fieldCount = index + 1; // at least: the rest of the row is read for its syntax only
                return skipRest(p, startLine);
            }
            int start = p;
            byte kind = PLAIN;
            if (buf[p] == '"') {
                p = quoted(p, startLine);
                if (p < 0) {
                    return -1;
                }
                kind = escapes ? ESCAPED : QUOTED;
            } else {
                p = next(buf, p, valid, COMMAS, FIELD_END);
                if (p >= valid && !inputEnded(startLine)) {
                    return -1;
                }
            }
            if (header) {
                mark(index, start, p, kind);
            } else if (slots[index] >= 0) {
                int slot = slots[index];
                from[slot] = start;
                to[slot] = p;
                kinds[slot] = kind;
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
                    if (!inputEnded(startLine)) {
                        return -1;
                    }
                    if (header) { // a comma at the very end: one more, empty field
                        mark(index, p, p, PLAIN);
                    } else if (index < slots.length && slots[index] >= 0) {
                        from[slots[index]] = p;
                        to[slots[index]] = p;
                        kinds[slots[index]] = PLAIN;
                    }
                    fieldCount = index + 1;
                    return p;
                }
                continue;
            }
            int end = endOfRecord(p, next);
            if (end == -2) {
                throw afterClosingQuote(startLine, next);
            }
            if (end >= 0) {
                fieldCount = index;
            }
            return end;
        }
    }

    /**
     * Reads the rest of a row from {@code p}, the start of a column no one reads: only its syntax matters (where the
     * record ends, quoted fields closed and followed by a comma or the record's end), so only line breaks and
     * quotes are looked at, not commas. A quote starts a quoted field when it follows a comma; elsewhere it is a
     * character of an unquoted field.
     */
    private int skipRest(int p, long startLine) throws MalformedException {
        byte[] buf = buffer;
        int valid = this.valid;
        while (true) {
            p = next(buf, p, valid, QUOTES, SKIP_STOP);
            if (p >= valid) {
                return inputEnded(startLine) ? p : -1; // the end of the input ends the record
            }
            byte b = buf[p];
            if (b != '"') {
                return endOfRecord(p, b);
            }
            if (buf[p - 1] != ',') { // a quote inside an unquoted field
                p++;
                continue;
            }
            p = quoted(p, startLine);
            if (p < 0) {
                return -1;
            }
            if (p >= valid) { // quoted() returned -1 where more bytes could follow
                return p;
            }
            byte next = buf[p];
            if (next == ',') {
                p++;
                continue; // a comma at the very end of the input is caught by the loop's end-of-input check
            }
            int end = endOfRecord(p, next);
            if (end == -2) {
                throw afterClosingQuote(startLine, next);
            }
            return end;
        }
    }

    /**
     * The first byte in {@code buf[p, valid)} that is a line break or {@code stop} (every byte of which is the other
     * byte sought, a comma or a quote), or {@code valid}: eight bytes a step (SWAR), then one at a time.
     * {@code stopClass} is that set's bit in {@link #CLASSES}.
     */
    private static int next(byte[] buf, int p, int valid, long stop, byte stopClass) {
        for (; p + 8 <= valid; p += 8) {
            long word = (long) LONGS.get(buf, p);
            long found = zeroBytes(word ^ stop) | zeroBytes(word ^ LFS) | zeroBytes(word ^ CRS);
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (p < valid && (CLASSES[buf[p] & 0xff] & stopClass) == 0) {
            p++;
        }
        return p;
    }

    /**
     * The high bit of each byte of {@code x} that is zero, and possibly of bytes above the first zero one (a borrow):
     * so the lowest bit set is exact, which is all the callers read.
     */
    private static long zeroBytes(long x) {
        return (x - LOW_BITS) & ~x & HIGH_BITS;
    }

    /** Whether the quoted field {@link #quoted} read last held doubled quotes. */
    private boolean escapes;

    /**
     * Reads the quoted field whose opening quote is at {@code p}; returns the index after its closing quote (and
     * sets {@link #escapes}), or -1 when the buffer ends first and more bytes may come. Counts its line breaks.
     */
    private int quoted(int p, long startLine) throws MalformedException {
        byte[] buf = buffer;
        int valid = this.valid;
        escapes = false;
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
                return p + 1;
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
    }

    /**
     * At a line break {@code next} at {@code p}, which ends the record: where the next record starts (counting the
     * line), or -1 when a CR is the last byte read and an LF may follow. -2 when {@code next} is no line break.
     */
    private int endOfRecord(int p, byte next) {
        if (next == '\n') {
            line++;
            return p + 1;
        }
        if (next == '\r') {
            if (p + 1 >= valid && more()) {
                return -1;
            }
            line++;
            return p + (p + 1 < valid && buffer[p + 1] == '\n' ? 2 : 1);
        }
        return -2;
    }

    private static MalformedException afterClosingQuote(long startLine, byte next) {
        return new MalformedException(startLine, "Unexpected character after closing quote: '"
                + (char) (next & 0xff) + "' (0x" + Integer.toHexString(next & 0xff) + ")", false);
    }

    /** Notes header field {@code index}, growing the arrays. */
    private void mark(int index, int start, int end, byte kind) {
        if (index == from.length) {
            from = java.util.Arrays.copyOf(from, index * 2);
            to = java.util.Arrays.copyOf(to, index * 2);
            kinds = java.util.Arrays.copyOf(kinds, index * 2);
        }
        from[index] = start;
        to[index] = end;
        kinds[index] = kind;
    }

    /** Makes wanted field {@code i} of a complete row its content: quotes off, doubled quotes made single in place. */
    private void unquote(int i) {
        int start = from[i] + 1;
        int end = to[i] - 1;
        if (kinds[i] == ESCAPED) {
            byte[] buf = buffer;
            int out = start;
            for (int p = start; p < end; p++) {
                buf[out++] = buf[p];
                if (buf[p] == '"') {
                    p++; // the second quote of the pair
                }
            }
            end = out;
        }
        from[i] = start;
        to[i] = end;
    }

    /**
     * At the end of the checked bytes inside a record: false when more may follow (the record is read again after
     * a refill), true when the input ends there; bytes that are not UTF-8 there fail.
     */
    private boolean inputEnded(long startLine) throws MalformedException {
        if (more()) {
            return false;
        }
        if (badBytes) {
            throw notUtf8(startLine);
        }
        return true;
    }

    /** Whether bytes may follow the checked ones: not at the end of the input, nor at bytes that are not UTF-8. */
    private boolean more() {
        return !eof && !badBytes;
    }

    /** The header field's text: without its quotes, doubled quotes made single. */
    private String text(int start, int end, byte kind) {
        if (kind == PLAIN) {
            return new String(buffer, start, end - start, StandardCharsets.UTF_8);
        }
        String inner = new String(buffer, start + 1, end - start - 2, StandardCharsets.UTF_8);
        return kind == ESCAPED ? inner.replace("\"\"", "\"") : inner;
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
        // Small reads only while records are short: a long one is read again from its start after every read.
        boolean warmUp = read < WARM_UP_BYTES && kept < WARM_UP_READ;
        while (valid == before && more()) {
            int room = buffer.length - limit;
            int n = in.read(buffer, limit, warmUp ? Math.min(room, WARM_UP_READ) : room);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
                read += n;
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
