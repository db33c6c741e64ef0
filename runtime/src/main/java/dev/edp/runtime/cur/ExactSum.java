package dev.edp.runtime.cur;

import java.math.BigDecimal;

/**
 * A running exact sum of amounts, equal in value <em>and scale</em> to {@code BigDecimal.ZERO.add(a1).add(a2)...}
 * (scale = the largest of 0 and the amounts' scales), but adding most amounts as a long.
 *
 * <p>The sum is {@code unscaled × 10^-scale + overflow}. An amount on the fast path is brought to a common scale by
 * multiplying by a power of ten and added to the long, each step checked for overflow; whatever would overflow (a
 * big amount, a big total, a scale step above 10^18) is added to the BigDecimal {@code overflow} instead, exactly.
 * So nothing is ever rounded or lost, and the BigDecimal part costs only when a total leaves the long's range
 * (about 9.2 × 10^8 at 10 decimals).
 *
 * <p>Not final: {@link CostGroups}'s group is one, so that a line item's lookup and its addition touch one object
 * (the groups are visited at random, and each object reached is a likely cache miss).
 */
class ExactSum {

    private static final long[] POWERS_OF_TEN = new long[DecimalText.MAX_FAST_DIGITS + 1];
    /** {@code LIMITS[n]}: the largest magnitude that can be multiplied by 10^n without overflow. */
    private static final long[] LIMITS = new long[POWERS_OF_TEN.length];

    static {
        long power = 1;
        for (int n = 0; n < POWERS_OF_TEN.length; n++) {
            POWERS_OF_TEN[n] = power;
            LIMITS[n] = Long.MAX_VALUE / power;
            power *= 10;
        }
    }

    private long unscaled;
    private int scale;
    private BigDecimal overflow = BigDecimal.ZERO;

    /** Adds the amount {@code amount} last parsed. */
    void add(DecimalText amount) {
        if (amount.big != null) {
            overflow = overflow.add(amount.big);
        } else if (!addFast(amount.unscaled, amount.scale)) {
            overflow = overflow.add(BigDecimal.valueOf(amount.unscaled, amount.scale));
        }
    }

    /** The exact sum. */
    BigDecimal value() {
        return BigDecimal.valueOf(unscaled, scale).add(overflow);
    }

    /** Adds {@code value × 10^-valueScale} to the long part, or returns false (nothing changed) if it cannot. */
    private boolean addFast(long value, int valueScale) {
        long addend = value;
        if (valueScale > scale) {
            // The amount has more decimals: bring the running sum to its scale first (the value stays the same).
            long steps = (long) valueScale - scale;
            if (!fitsTimesTen(unscaled, steps)) {
                return false;
            }
            unscaled *= POWERS_OF_TEN[(int) steps];
            scale = valueScale;
        } else if (valueScale < scale) {
            long steps = (long) scale - valueScale;
            if (!fitsTimesTen(addend, steps)) {
                return false;
            }
            addend *= POWERS_OF_TEN[(int) steps];
        }
        long sum = unscaled + addend;
        if (((unscaled ^ sum) & (addend ^ sum)) < 0) { // both operands' signs differ from the result's: overflow
            return false;
        }
        unscaled = sum;
        return true;
    }

    /** Whether {@code value × 10^steps} fits a long. */
    private static boolean fitsTimesTen(long value, long steps) {
        return steps < POWERS_OF_TEN.length && value <= LIMITS[(int) steps] && value >= -LIMITS[(int) steps];
    }
}
