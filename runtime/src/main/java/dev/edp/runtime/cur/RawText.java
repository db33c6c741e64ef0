package dev.edp.runtime.cur;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Helpers for text still in its UTF-8 bytes ({@code bytes[from, to)}), as {@link CsvScanner} hands over the fields
 * of a line item: the per-row lookups ({@link UsageDates}, {@link CostGroups}) hash and compare the bytes, and a
 * String is made only for a value seen for the first time or named in an error.
 */
final class RawText {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private RawText() {
    }

    /** A hash of the bytes, eight at a time; equal bytes, equal hash. */
    static int hash(byte[] bytes, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ (long) LONGS.get(bytes, i)) * MIX;
            h ^= h >>> 32;
        }
        long tail = 0;
        for (; i < to; i++) {
            tail = (tail << 8) | (bytes[i] & 0xff);
        }
        h = (h ^ tail) * MIX;
        return (int) (h ^ (h >>> 32));
    }

    /** The text of the bytes (well-formed UTF-8: {@link CsvScanner} checked them). */
    static String string(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
