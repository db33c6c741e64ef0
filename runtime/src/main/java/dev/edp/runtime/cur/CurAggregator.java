package dev.edp.runtime.cur;

/**
 * Sums line items exactly per (UTC usage day, usage account, product code), with the count of line items: the
 * aggregation step of {@link CurReader}, separate from the CSV parsing so that it is the same whatever hands it the
 * four fields of each line item (the benchmarks feed it from other parsers).
 *
 * <p>Per line item: the amount is read exactly ({@link DecimalText}: a long and a scale, BigDecimal only for what
 * does not fit), the usage start is mapped to the number of its UTC day (cached per distinct text,
 * {@link UsageDates}) and the amount added to its group ({@link CostGroups}, {@link ExactSum}). The totals equal
 * those of adding {@code new BigDecimal(cost)} per group, value and scale. Memory grows with the number of groups,
 * never with the number of line items.
 */
public final class CurAggregator {

    private final String file;
    private final CurLayout layout;
    private final UsageDates dates = new UsageDates();
    private final CostGroups groups = new CostGroups();
    private final DecimalText amount = new DecimalText();
    private long lineItems;

    /** An empty aggregation of {@code file} (named in errors), written in {@code layout} (named in errors). */
    public CurAggregator(String file, CurLayout layout) {
        this.file = file;
        this.layout = layout;
    }

    /**
     * Adds one line item; a bad amount or usage start fails with a {@link CurFormatException} naming {@code line},
     * the amount checked first.
     */
    public void add(String cost, String usageStart, String account, String product, long line) {
        parseAmount(cost, line);
        int day = dates.utcDay(usageStart);
        if (day < 0) {
            throw new CurFormatException(file, line, layout.usageStart() + " '" + clip(usageStart) + "' is not a timestamp");
        }
        groups.add(day, account, product, amount);
        lineItems++;
    }

    /** The totals so far. */
    public CurAggregation result() {
        return new CurAggregation(file, layout, lineItems, groups.totals(dates::day));
    }

    /** Reads the cost into {@link #amount}. */
    private void parseAmount(String text, long line) {
        if (text.isEmpty()) {
            throw new CurFormatException(file, line, layout.cost() + " is empty");
        }
        try {
            amount.parse(text);
        } catch (NumberFormatException e) {
            throw new CurFormatException(file, line, layout.cost() + " '" + clip(text) + "' is not a number");
        }
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
