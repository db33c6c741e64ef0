package dev.edp.runtime.cur;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a report's needed columns are, read from its header row.
 *
 * @param layout  the header layout
 * @param cost    index of the unblended cost
 * @param start   index of the usage start
 * @param account index of the usage account
 * @param product index of the product code
 * @param width   how many columns the header names
 */
public record CurColumns(CurLayout layout, int cost, int start, int account, int product, int width) {

    private static final char BOM = '\uFEFF';

    /** Finds the columns in the header row of {@code file} (a UTF-8 byte-order mark and blanks around names allowed). */
    public static CurColumns of(String file, List<String> header) {
        List<String> names = new ArrayList<>(header.stream().map(String::trim).toList());
        if (!names.isEmpty() && !names.get(0).isEmpty() && names.get(0).charAt(0) == BOM) {
            names.set(0, names.get(0).substring(1));
        }
        CurLayout layout = names.contains(CurLayout.LEGACY.cost()) ? CurLayout.LEGACY
                : names.contains(CurLayout.CUR2.cost()) ? CurLayout.CUR2 : null;
        if (layout == null) {
            throw new CurFormatException(file, 1, "missing cost column: neither " + CurLayout.LEGACY.cost()
                    + " (legacy CUR) nor " + CurLayout.CUR2.cost() + " (CUR 2.0) is in the header");
        }
        int[] index = new int[4];
        List<String> required = layout.required();
        for (int i = 0; i < required.size(); i++) {
            index[i] = names.indexOf(required.get(i));
            if (index[i] < 0) {
                throw new CurFormatException(file, 1, "missing column " + required.get(i));
            }
        }
        return new CurColumns(layout, index[0], index[1], index[2], index[3], names.size());
    }

    /** The highest needed index: a row needs more fields than this. */
    public int last() {
        return Math.max(Math.max(cost, start), Math.max(account, product));
    }

    /**
     * For each column index up to {@link #last()}: which needed field it holds, 0 cost, 1 start, 2 account,
     * 3 product (the order of {@link CurAggregator#add}'s arguments), or -1 for a column nobody reads.
     */
    public int[] slots() {
        int[] slots = new int[last() + 1];
        java.util.Arrays.fill(slots, -1);
        slots[cost] = 0;
        slots[start] = 1;
        slots[account] = 2;
        slots[product] = 3;
        return slots;
    }

    /** Fails when a row of {@code fields} fields at {@code line} lacks a needed column. */
    public void requireFields(String file, int fields, long line) {
        if (fields <= last()) {
            throw new CurFormatException(file, line, "the row has " + fields + " fields, the header names " + width);
        }
    }
}
