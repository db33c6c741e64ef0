package dev.edp.runtime.cur;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * One amount read from its text, exactly as {@code new BigDecimal(text)} reads it (same value, same scale, same
 * texts rejected), without creating a BigDecimal for the common case. Reused from row to row: {@link #parse} sets
 * either {@link #unscaled} and {@link #scale} (the fast path) or {@link #big} (everything else).
 *
 * <p>The fast path takes ASCII text of the form {@code [+-]digits[.digits][(e|E)[+-]digits]} with at most 18
 * mantissa digits (so the unscaled value fits a long whatever the digits are) and at most 9 exponent digits (so the
 * scale fits an int). Its value is {@code unscaled × 10^-scale} with {@code scale = fraction digits - exponent}, which
 * is exactly BigDecimal's reading. Anything else (19 or more digits, other Unicode digits, malformed text) goes to
 * {@code new BigDecimal(text)}: it is kept exactly, or rejected with BigDecimal's own NumberFormatException.
 */
final class DecimalText {

    /** Mantissa digits that always fit a long: 10^18 - 1 < 2^63. */
    static final int MAX_FAST_DIGITS = 18;
    private static final int MAX_EXPONENT_DIGITS = 9;
    /**
     * Fast-path scales at which every value is one DynamoDB stores ({@link Amounts#unstorable}): with 1 to 18
     * digits the leading digit's exponent is then between -130 and 125, and the scale at most 130.
     */
    private static final int MIN_STORABLE_SCALE = -(Amounts.MAX_EXPONENT - (MAX_FAST_DIGITS - 1));
    private static final int MAX_STORABLE_SCALE = -Amounts.MIN_EXPONENT;

    /** The unscaled value, when {@link #big} is null. */
    long unscaled;
    /** The scale (may be negative: {@code 1.5E+3} is 15 at scale -2), when {@link #big} is null. */
    int scale;
    /** The value when it did not take the fast path, else null. */
    BigDecimal big;

    /** Reads {@code text}; throws NumberFormatException when it is not a number. */
    void parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!parseFast(bytes, 0, bytes.length)) {
            big = new BigDecimal(text);
        }
    }

    /**
     * Reads the UTF-8 text {@code bytes[from, to)} if it takes the fast path (returns true); else changes nothing
     * and returns false, and the caller reads the text with {@link #parse(String)}. What {@link CurReader} calls per
     * line item: no String, no BigDecimal.
     */
    boolean parseFast(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        long digits = 0;
        int count = 0;
        int fraction = 0;
        boolean point = false;
        for (; i < to; i++) {
            int c = bytes[i];
            if (c >= '0' && c <= '9') {
                if (++count > MAX_FAST_DIGITS) {
                    return false;
                }
                digits = digits * 10 + (c - '0');
                if (point) {
                    fraction++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (count == 0) {
            return false;
        }
        int exponent = 0;
        if (i < to) {
            int c = bytes[i++];
            if (c != 'e' && c != 'E') {
                return false;
            }
            boolean negativeExponent = false;
            if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            int exponentDigits = to - i;
            if (exponentDigits == 0 || exponentDigits > MAX_EXPONENT_DIGITS) {
                return false;
            }
            for (; i < to; i++) {
                c = bytes[i];
                if (c < '0' || c > '9') {
                    return false;
                }
                exponent = exponent * 10 + (c - '0');
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        unscaled = negative ? -digits : digits;
        scale = fraction - exponent;
        big = null;
        return true;
    }

    /**
     * Why DynamoDB cannot store the amount last parsed ({@link Amounts#unstorable}), or null. Two comparisons for
     * the amounts of real reports; a BigDecimal only for a scale outside {@link #MIN_STORABLE_SCALE} to
     * {@link #MAX_STORABLE_SCALE} or an amount that took the slow path.
     */
    String unstorable() {
        if (big == null && scale >= MIN_STORABLE_SCALE && scale <= MAX_STORABLE_SCALE) {
            return null;
        }
        return Amounts.unstorable(value());
    }

    /** The value as a BigDecimal (for tests and messages; the hot path reads the fields). */
    BigDecimal value() {
        return big != null ? big : BigDecimal.valueOf(unscaled, scale);
    }
}
