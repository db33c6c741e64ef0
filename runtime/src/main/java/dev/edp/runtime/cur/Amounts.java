package dev.edp.runtime.cur;

import java.math.BigDecimal;

/** How money is written wherever people or other tools read it, and which amounts the ledger can hold. */
public final class Amounts {

    /** DynamoDB's Number keeps at most this many significant digits (leading and trailing zeros trimmed). */
    static final int MAX_DIGITS = 38;
    /** The smallest non-zero magnitude a DynamoDB Number has is 1E-130. */
    static final int MIN_EXPONENT = -130;
    /** The largest magnitude a DynamoDB Number has is 9.9999999999999999999999999999999999999E+125. */
    static final int MAX_EXPONENT = 125;
    /**
     * The most decimal places a DynamoDB Number has: 38 digits starting at 1E-130. An amount with more (trailing
     * zeros included, or a zero such as {@code 0E-999999999}) is refused even when DynamoDB could store its value,
     * because the exact sum keeps the largest scale of its amounts and would carry them into every total.
     */
    static final int MAX_SCALE = MAX_DIGITS - 1 - MIN_EXPONENT;

    private Amounts() {
    }

    /** A plain decimal: no exponent, no trailing zeros, {@code 0} for zero ({@code 1.50E+2} is written {@code 150}). */
    public static String plain(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }

    /**
     * Why DynamoDB's Number type cannot hold {@code amount} (a phrase to follow the amount in a message), or null
     * when it can. Cheap for any amount whose digits a message could quote: it looks at precision and scale, and
     * strips trailing zeros only of an amount with more than 38 digits.
     */
    static String unstorable(BigDecimal amount) {
        if (amount.signum() != 0) {
            // The exponent of the leading digit: 1.5E-7 is 15 at scale 8, precision 2, so -7.
            long exponent = (long) amount.precision() - 1 - amount.scale();
            if (exponent < MIN_EXPONENT) {
                return "is smaller in magnitude than 1E" + MIN_EXPONENT + ", the smallest number DynamoDB stores";
            }
            if (exponent > MAX_EXPONENT) {
                return "is larger in magnitude than 9.99...E+" + MAX_EXPONENT + ", the largest number DynamoDB stores";
            }
            if (amount.precision() > MAX_DIGITS && amount.stripTrailingZeros().precision() > MAX_DIGITS) {
                return "has " + amount.stripTrailingZeros().precision() + " significant digits; DynamoDB stores at most "
                        + MAX_DIGITS;
            }
        }
        if (amount.scale() > MAX_SCALE) {
            return "has " + amount.scale() + " decimal places; no number DynamoDB stores has more than " + MAX_SCALE;
        }
        return null;
    }
}
