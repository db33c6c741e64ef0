package dev.edp.runtime.cur;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a line item's usage start into the UTC day it belongs to. CUR writes {@code 2024-01-15T00:00:00Z} (legacy)
 * or {@code 2024-01-15T00:00:00.000Z} / {@code 2024-01-15 00:00:00} (CUR 2.0, UTC without a zone); an explicit
 * offset ({@code +02:00}, {@code -0500}, {@code +05}) is converted to UTC. A report has few distinct start times
 * (hourly at most), so answers are cached: the parse happens once per distinct value, not once per row. Days are
 * numbered in the order they are first seen, so that a row's group can be found by small numbers instead of dates
 * ({@link CostGroups}).
 */
final class UsageDates {

    /**
     * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, built the same way (strict dates, case-insensitive {@code Z},
     * lenient offset), with the offset pattern {@code +HH} instead of {@code +HH:MM:ss}: in lenient mode that takes
     * minutes and seconds with or without colons, so {@code -0500} is read as well as everything ISO reads.
     */
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .parseLenient()
            .appendOffset("+HH", "Z")
            .parseStrict()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    /** Bounds the cache on pathological files with a distinct timestamp per row. */
    private static final int MAX_CACHED = 10_000;
    /** The same for the byte-keyed cache: a power of two (a month of hourly starts is 744). */
    private static final int MAX_CACHED_RAW = 1 << 13;

    /** Usage start text → the number of its UTC day. */
    private final Map<String, Integer> cache = new HashMap<>();
    private final Map<LocalDate, Integer> numbers = new HashMap<>();
    private final List<LocalDate> days = new ArrayList<>();
    /** The byte-keyed cache of {@link #utcDay(byte[], int, int)}: open addressing, at most half full. */
    private final byte[][] rawTexts = new byte[2 * MAX_CACHED_RAW][];
    private final int[] rawHashes = new int[rawTexts.length];
    private final int[] rawDays = new int[rawTexts.length];
    private int rawSize;

    /** The number of the UTC day of {@code usageStart} (0, 1, ...), or -1 when the value is not a timestamp. */
    int utcDay(String usageStart) {
        Integer number = cache.get(usageStart);
        if (number == null) {
            LocalDate day = parse(usageStart);
            if (day == null) {
                return -1;
            }
            number = numbers.computeIfAbsent(day, d -> {
                days.add(d);
                return days.size() - 1;
            });
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(usageStart, number);
        }
        return number;
    }

    /**
     * {@link #utcDay(String)} of the UTF-8 text {@code bytes[from, to)}, cached by the bytes themselves: a line item
     * costs a hash of its ~20 bytes and one comparison, no String ({@link CurReader}'s path).
     */
    int utcDay(byte[] bytes, int from, int to) {
        int hash = RawText.hash(bytes, from, to);
        int mask = rawTexts.length - 1;
        int slot = hash & mask;
        byte[] cached;
        while ((cached = rawTexts[slot]) != null) {
            if (rawHashes[slot] == hash && java.util.Arrays.equals(cached, 0, cached.length, bytes, from, to)) {
                return rawDays[slot];
            }
            slot = (slot + 1) & mask;
        }
        int number = utcDay(RawText.string(bytes, from, to));
        if (number >= 0) {
            if (rawSize * 2 >= rawTexts.length) { // bounded, as the String cache is
                java.util.Arrays.fill(rawTexts, null);
                rawSize = 0;
                slot = hash & mask;
            }
            rawTexts[slot] = java.util.Arrays.copyOfRange(bytes, from, to);
            rawHashes[slot] = hash;
            rawDays[slot] = number;
            rawSize++;
        }
        return number;
    }

    /** The day numbered {@code number} by {@link #utcDay}. */
    LocalDate day(int number) {
        return days.get(number);
    }

    private static LocalDate parse(String value) {
        String text = value.trim().replace(' ', 'T');
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
            if (text.endsWith("Z") || hasOffset(text)) {
                return OffsetDateTime.parse(text, OFFSET_DATE_TIME).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            }
            return LocalDateTime.parse(text).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An offset such as +02:00 or -0500 after the time part. */
    private static boolean hasOffset(String text) {
        int time = text.indexOf('T');
        return time > 0 && (text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0);
    }
}
