package dev.edp.runtime.cur;

import java.math.BigDecimal;

/** How money is written wherever people or other tools read it. */
public final class Amounts {

    private Amounts() {
    }

    /** A plain decimal: no exponent, no trailing zeros, {@code 0} for zero ({@code 1.50E+2} is written {@code 150}). */
    public static String plain(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }
}
