package dev.edp.runtime.cur;

import java.math.BigDecimal;

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
 *
 * <p>What the ledger could never write is a bad line too, found here rather than as an opaque DynamoDB error on
 * every retry: an amount or a total DynamoDB's Number cannot hold ({@link Amounts#unstorable}), an account and
 * product code whose contribution sort key exceeds DynamoDB's limit ({@link LedgerKeys#contributionSkBytes}).
 */
public final class CurAggregator {

    /**
     * The longest amount text read. Longer than any number DynamoDB stores needs (sign, 126 integer digits, point,
     * 167 decimals and an exponent), and short enough that BigDecimal, whose parse takes time quadratic in the
     * digits, reads it at once: a 16 MiB field of digits would otherwise hold the function for hours.
     */
    static final int MAX_AMOUNT_CHARS = 320;

    private final String file;
    private final CurLayout layout;
    private final UsageDates dates = new UsageDates();
    private final CostGroups groups = new CostGroups();
    private final DecimalText amount = new DecimalText();
    private long lineItems;
    /** The line of the last line item, which errors about the file's total name. */
    private long lastLine = 1;

    /** An empty aggregation of {@code file} (named in errors), written in {@code layout} (named in errors). */
    public CurAggregator(String file, CurLayout layout) {
        this.file = file;
        this.layout = layout;
    }

    /**
     * Adds one line item; a bad amount, usage start or group fails with a {@link CurFormatException} naming
     * {@code line}, checked in that order.
     */
    public void add(String cost, String usageStart, String account, String product, long line) {
        parseAmount(cost, line);
        int day = dates.utcDay(usageStart);
        if (day < 0) {
            throw new CurFormatException(file, line, layout.usageStart() + " '" + clip(usageStart) + "' is not a timestamp");
        }
        if (groups.add(day, account, product, amount, line)) {
            checkSortKey(account, product, line); // once per group: the names are the same for all its line items
        }
        lineItems++;
        lastLine = line;
    }

    /**
     * {@link #add(String, String, String, String, long)} of fields given as UTF-8 bytes, well-formed:
     * {@code bytes[from[i], to[i])} for i = 0 cost, 1 usage start, 2 account, 3 product code. The same checks, in the
     * same order, with the same messages; what {@link CurReader} calls per line item, making no String, no BigDecimal
     * and no key object for an amount of up to 18 digits, a known usage start and an existing group.
     */
    void add(byte[] bytes, int[] from, int[] to, long line) {
        if (!amount.parseFast(bytes, from[0], to[0]) || amount.unstorable() != null) {
            parseAmount(RawText.string(bytes, from[0], to[0]), line); // fails with the message, or takes BigDecimal
        }
        int day = dates.utcDay(bytes, from[1], to[1]);
        if (day < 0) {
            throw new CurFormatException(file, line, layout.usageStart() + " '"
                    + clip(RawText.string(bytes, from[1], to[1])) + "' is not a timestamp");
        }
        if (groups.add(day, bytes, from[2], to[2], bytes, from[3], to[3], amount, line)) {
            checkSortKey(RawText.string(bytes, from[2], to[2]), RawText.string(bytes, from[3], to[3]), line);
        }
        lineItems++;
        lastLine = line;
    }

    /**
     * The totals so far. A total DynamoDB cannot hold fails with a {@link CurFormatException} naming its group and
     * the line of the group's last line item; the file's total (the head's) names the last line item of the file.
     */
    public CurAggregation result() {
        CurAggregation result = new CurAggregation(file, layout, lineItems, groups.totals(dates::day, this::checkGroup));
        checkTotal("the file's total (at its last line item)", result.grandTotal(), lastLine);
        return result;
    }

    /**
     * Reads the cost into {@link #amount}: a number DynamoDB can store. The messages are built elsewhere
     * ({@link #badAmount}), which keeps this method small enough for the JIT to inline into the per-row path.
     */
    private void parseAmount(String text, long line) {
        if (text.isEmpty() || text.length() > MAX_AMOUNT_CHARS) {
            throw badAmount(text, line, null);
        }
        try {
            amount.parse(text);
        } catch (NumberFormatException e) {
            throw badAmount(text, line, "is not a number");
        }
        String unstorable = amount.unstorable();
        if (unstorable != null) {
            throw badAmount(text, line, unstorable);
        }
    }

    /** The error for the amount {@code text}: empty, too long, or {@code why}. */
    private CurFormatException badAmount(String text, long line, String why) {
        if (text.isEmpty()) {
            return new CurFormatException(file, line, layout.cost() + " is empty");
        }
        if (why == null) {
            return new CurFormatException(file, line, layout.cost() + " '" + clip(text) + "' is " + text.length()
                    + " characters long; no number DynamoDB stores needs more than " + MAX_AMOUNT_CHARS);
        }
        return new CurFormatException(file, line, layout.cost() + " '" + clip(text) + "' " + why);
    }

    /** Fails when the contribution of (account, product) would have a sort key DynamoDB refuses. */
    private void checkSortKey(String account, String product, long line) {
        int bytes = LedgerKeys.contributionSkBytes(account, product);
        if (bytes > LedgerKeys.MAX_SK_BYTES) {
            boolean accountLonger = account.length() > product.length();
            String column = accountLonger ? layout.account() : layout.product();
            String other = accountLonger ? layout.product() : layout.account();
            throw new CurFormatException(file, line, column + " '" + clip(accountLonger ? account : product)
                    + "' is too long: with " + other + " '" + clip(accountLonger ? product : account)
                    + "' the ledger's sort key would be " + bytes + " bytes URL-encoded, over DynamoDB's limit of "
                    + LedgerKeys.MAX_SK_BYTES);
        }
    }

    /** A sum has no line of its own: the error names the group, at the line of its last line item. */
    private void checkGroup(CostKey key, CostTotal total, long lastLine) {
        // The group is named only when it fails: building the text for each of thousands of good groups was a
        // visible part of a fresh process's time (docs/benchmarks.md, "Parser, fourth pass").
        String unstorable = Amounts.unstorable(total.unblendedCost());
        if (unstorable != null) {
            throw unstorableTotal("the total of " + key.usageDate() + ", " + layout.account() + " '"
                    + clip(key.accountId()) + "', " + layout.product() + " '" + clip(key.service())
                    + "' (its last line item is this line)", total.unblendedCost(), lastLine, unstorable);
        }
    }

    private void checkTotal(String what, BigDecimal total, long line) {
        String unstorable = Amounts.unstorable(total);
        if (unstorable != null) {
            throw unstorableTotal(what, total, line, unstorable);
        }
    }

    private CurFormatException unstorableTotal(String what, BigDecimal total, long line, String unstorable) {
        // Unclipped: every amount was checked, so a total has a few hundred digits at most.
        return new CurFormatException(file, line, what + ", " + Amounts.plain(total) + ", " + unstorable);
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
