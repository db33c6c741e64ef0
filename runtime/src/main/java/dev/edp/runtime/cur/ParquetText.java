package dev.edp.runtime.cur;

import com.fasterxml.jackson.core.io.NumberOutput;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * One needed Parquet column's values as the text {@link CurAggregator} reads, the same text the CSV export of the
 * same line items holds, so that both are held to one set of rules:
 *
 * <ul>
 *   <li>an amount stored as DOUBLE (what CUR 2.0 declares for its cost columns) is the shortest decimal that reads
 *       back as the same double (Schubfach, as Athena, DuckDB and the CSV export print it; JDK 19+'s
 *       {@code Double.toString}, here on every JDK): {@code 0.1} is {@code 0.1}, not its binary value
 *       0.1000000000000000055511151231257827021181583404541015625. Every amount of up to 15 significant digits is
 *       thus the decimal AWS computed; the sum is then exact over those decimals, as for CSV. FLOAT likewise;</li>
 *   <li>a DECIMAL (INT32, INT64, FIXED_LEN_BYTE_ARRAY or BINARY) is its exact value and scale; an integer is its
 *       digits; a string is its text (read like a CSV field);</li>
 *   <li>a usage start stored as a TIMESTAMP (millis, micros or nanos; UTC-adjusted or local, the latter taken as UTC
 *       as a CSV timestamp without offset is), INT96 (Spark's and Athena's legacy timestamps) or DATE is the
 *       {@code yyyy-MM-dd} of its UTC day; a string is its text;</li>
 *   <li>an account or product code must be a string: an integer account id would have lost its leading zeros.</li>
 * </ul>
 *
 * Dictionary-encoded pages (how writers store the few distinct accounts, products and hours) are converted once per
 * dictionary entry, not per row. A value that cannot be read (bytes that are not UTF-8) is a {@link BadValue}.
 */
abstract class ParquetText extends PrimitiveConverter {

    /** The text of the value last written to this converter. */
    String value;
    private String[] dictionaryText;
    private Dictionary dictionary;

    /** A value of this column that is not what the column may hold; the reader adds the file and line. */
    static final class BadValue extends RuntimeException {
        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The converter for {@code column}, needed as {@code role} ({@link Role}); fails with a message naming the
     * column when its Parquet type cannot hold that role.
     */
    static ParquetText of(PrimitiveType column, Role role) {
        LogicalTypeAnnotation logical = column.getLogicalTypeAnnotation();
        PrimitiveType.PrimitiveTypeName physical = column.getPrimitiveTypeName();
        boolean text = physical == PrimitiveType.PrimitiveTypeName.BINARY
                && (logical == null || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation);
        if (text) {
            return new Utf8(column.getName());
        }
        ParquetText converter = switch (role) {
            case AMOUNT -> amount(physical, logical);
            case USAGE_START -> usageStart(physical, logical);
            case NAME -> null;
        };
        if (converter == null) {
            throw new IllegalArgumentException("column " + column.getName() + " is " + describe(column) + "; "
                    + role.expected);
        }
        return converter;
    }

    /** What a needed column is used for. */
    enum Role {
        AMOUNT("an amount must be a DOUBLE, FLOAT, DECIMAL, integer or string"),
        USAGE_START("a usage start must be a TIMESTAMP, INT96, DATE or string"),
        NAME("an account id or product code must be a string");

        final String expected;

        Role(String expected) {
            this.expected = expected;
        }
    }

    private static ParquetText amount(PrimitiveType.PrimitiveTypeName physical, LogicalTypeAnnotation logical) {
        int scale = logical instanceof DecimalLogicalTypeAnnotation decimal ? decimal.getScale() : -1;
        boolean plainInteger = logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation;
        return switch (physical) {
            case DOUBLE -> new Doubles();
            case FLOAT -> new Floats();
            case INT32, INT64 -> scale >= 0 ? new Longs(scale) : plainInteger ? new Longs(0) : null;
            case FIXED_LEN_BYTE_ARRAY, BINARY -> scale >= 0 ? new Unscaled(scale) : null;
            default -> null;
        };
    }

    private static ParquetText usageStart(PrimitiveType.PrimitiveTypeName physical, LogicalTypeAnnotation logical) {
        if (physical == PrimitiveType.PrimitiveTypeName.INT64 && logical instanceof TimestampLogicalTypeAnnotation ts) {
            long perDay = switch (ts.getUnit()) {
                case MILLIS -> 86_400_000L;
                case MICROS -> 86_400_000_000L;
                case NANOS -> 86_400_000_000_000L;
            };
            return new Days(perDay);
        }
        if (physical == PrimitiveType.PrimitiveTypeName.INT32 && logical instanceof DateLogicalTypeAnnotation) {
            return new Days(1);
        }
        if (physical == PrimitiveType.PrimitiveTypeName.INT96) {
            return new Int96Days();
        }
        return null;
    }

    private static String describe(PrimitiveType column) {
        LogicalTypeAnnotation logical = column.getLogicalTypeAnnotation();
        return column.getPrimitiveTypeName() + (logical == null ? "" : " (" + logical + ")");
    }

    @Override
    public final boolean hasDictionarySupport() {
        return true;
    }

    @Override
    public final void setDictionary(Dictionary dictionary) {
        this.dictionary = dictionary;
        this.dictionaryText = new String[dictionary.getMaxId() + 1];
    }

    @Override
    public final void addValueFromDictionary(int id) {
        String text = dictionaryText[id];
        if (text == null) {
            text = fromDictionary(dictionary, id);
            dictionaryText[id] = text;
        }
        value = text;
    }

    /** The text of dictionary entry {@code id}, converted once per dictionary. */
    abstract String fromDictionary(Dictionary dictionary, int id);

    /** Entry {@code id} of an INT32 or INT64 dictionary (each decodes to its own width only). */
    static long integer(Dictionary dictionary, int id) {
        try {
            return dictionary.decodeToLong(id);
        } catch (UnsupportedOperationException e) {
            return dictionary.decodeToInt(id);
        }
    }

    /** Shortest round-trip decimals of doubles (Schubfach, as in JDK 19+, on every JDK). */
    private static final class Doubles extends ParquetText {
        @Override
        public void addDouble(double amount) {
            value = NumberOutput.toString(amount, true);
        }

        @Override
        String fromDictionary(Dictionary dictionary, int id) {
            return NumberOutput.toString(dictionary.decodeToDouble(id), true);
        }
    }

    private static final class Floats extends ParquetText {
        @Override
        public void addFloat(float amount) {
            value = NumberOutput.toString(amount, true);
        }

        @Override
        String fromDictionary(Dictionary dictionary, int id) {
            return NumberOutput.toString(dictionary.decodeToFloat(id), true);
        }
    }

    /** INT32 or INT64 integers, or DECIMALs of that many unscaled digits at {@code scale}. */
    private static final class Longs extends ParquetText {
        private final int scale;

        Longs(int scale) {
            this.scale = scale;
        }

        @Override
        public void addInt(int unscaled) {
            addLong(unscaled);
        }

        @Override
        public void addLong(long unscaled) {
            value = scale == 0 ? Long.toString(unscaled) : BigDecimal.valueOf(unscaled, scale).toString();
        }

        @Override
        String fromDictionary(Dictionary dictionary, int id) {
            addLong(integer(dictionary, id));
            return value;
        }
    }

    /** DECIMALs stored as big-endian two's-complement bytes. */
    private static final class Unscaled extends ParquetText {
        private final int scale;

        Unscaled(int scale) {
            this.scale = scale;
        }

        @Override
        public void addBinary(Binary unscaled) {
            value = text(unscaled);
        }

        private String text(Binary unscaled) {
            if (unscaled.length() == 0) {
                throw new BadValue("a DECIMAL of no bytes");
            }
            return new BigDecimal(new BigInteger(unscaled.getBytes()), scale).toString();
        }

        @Override
        String fromDictionary(Dictionary dictionary, int id) {
            return text(dictionary.decodeToBinary(id));
        }
    }

    /** Strings, decoded strictly: bytes that are not UTF-8 are an error, as in a CSV report. */
    private static final class Utf8 extends ParquetText {
        private final String column;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);

        Utf8(String column) {
            this.column = column;
        }

        @Override
        public void addBinary(Binary bytes) {
            value = text(bytes);
        }

        private String text(Binary bytes) {
            try {
                CharBuffer chars = decoder.decode(bytes.toByteBuffer());
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw new BadValue(column + " is not UTF-8 text");
            }
        }

        @Override
        String fromDictionary(Dictionary dictionary, int id) {
            return text(dictionary.decodeToBinary(id));
        }
    }

    /** Timestamps and dates: the text of the value's UTC day, made once per day. */
    private static class Days extends ParquetText {
        private final long perDay;
        private final Map<Long, String> days = new HashMap<>();
        private long lastDay = Long.MIN_VALUE;
        private String lastText;

        Days(long perDay) {
            this.perDay = perDay;
        }

        @Override
        public void addInt(int days) {
            addLong(days);
        }

        @Override
        public void addLong(long units) {
            value = day(Math.floorDiv(units, perDay));
        }

        final String day(long epochDay) {
            if (epochDay != lastDay) {
                lastText = days.computeIfAbsent(epochDay, ParquetText.Days::dayText);
                lastDay = epochDay;
            }
            return lastText;
        }

        private static String dayText(long epochDay) {
            try {
                return LocalDate.ofEpochDay(epochDay).toString();
            } catch (java.time.DateTimeException e) {
                throw new BadValue("a date beyond the years " + LocalDate.MIN.getYear() + " to " + LocalDate.MAX.getYear());
            }
        }

        @Override
        String fromDictionary(Dictionary dictionary, int id) {
            addLong(integer(dictionary, id));
            return value;
        }
    }

    /** INT96: nanoseconds of the day (8 bytes), then the Julian day (4 bytes), little-endian. */
    private static final class Int96Days extends Days {
        private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

        Int96Days() {
            super(1);
        }

        @Override
        public void addBinary(Binary int96) {
            value = text(int96);
        }

        private String text(Binary int96) {
            ByteBuffer bytes = int96.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.remaining() != 12) {
                throw new BadValue("an INT96 timestamp of " + bytes.remaining() + " bytes");
            }
            long nanosOfDay = bytes.getLong(bytes.position());
            long julianDay = Integer.toUnsignedLong(bytes.getInt(bytes.position() + 8));
            return day(julianDay - JULIAN_DAY_OF_EPOCH + Math.floorDiv(nanosOfDay, 86_400_000_000_000L));
        }

        @Override
        String fromDictionary(Dictionary dictionary, int id) {
            return text(dictionary.decodeToBinary(id));
        }
    }
}
