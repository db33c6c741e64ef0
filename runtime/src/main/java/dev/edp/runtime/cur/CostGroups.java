package dev.edp.runtime.cur;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The running totals of one report, per (day number, account, service): the aggregation's hot path, one lookup and
 * one exact addition per line item.
 *
 * <p>An open-addressing hash table (linear probing, at most half full) of {@link Group}s, looked up by the day's
 * number from {@link UsageDates} and the two strings as the parser hands them over: no key object and no boxing per
 * row, and groups laid out compactly, which matters because every row visits one of thousands of groups at random.
 * A new group keeps one shared copy of each account and service name, so the names that every row is compared with
 * are a few hundred strings that stay in the CPU cache, not one pair per group scattered over the heap.
 */
final class CostGroups {

    private final Map<String, String> names = new HashMap<>();
    private Group[] table = new Group[1 << 10];
    private int size;

    /** What {@link #totals} hands each group to before it is handed out. */
    interface TotalCheck {
        /** Checks the total of {@code key}; {@code lastLine} is the line of the group's last line item. */
        void check(CostKey key, CostTotal total, long lastLine);
    }

    /** Adds line item {@code line} of {@code amount} to its group; true when the group is new. */
    boolean add(int day, String account, String service, DecimalText amount, long line) {
        int hash = hash(day, account, service);
        int mask = table.length - 1;
        int slot = hash & mask;
        Group group;
        boolean created = false;
        while ((group = table[slot]) != null
                && !(group.hash == hash && group.day == day && group.account.equals(account) && group.service.equals(service))) {
            slot = (slot + 1) & mask;
        }
        if (group == null) {
            group = new Group(hash, day, shared(account), shared(service));
            table[slot] = group;
            if (++size * 2 > table.length) {
                grow();
            }
            created = true;
        }
        group.sum.add(amount);
        group.lineItems++;
        group.lastLine = line;
        return created;
    }

    /** The totals, keyed by day (resolved by {@code days}), account and service, in key order; each checked. */
    NavigableMap<CostKey, CostTotal> totals(IntFunction<java.time.LocalDate> days, TotalCheck check) {
        NavigableMap<CostKey, CostTotal> totals = new TreeMap<>();
        for (Group group : table) {
            if (group != null) {
                CostKey key = new CostKey(days.apply(group.day), group.account, group.service);
                CostTotal total = new CostTotal(group.sum.value(), group.lineItems);
                check.check(key, total, group.lastLine);
                totals.put(key, total);
            }
        }
        return totals;
    }

    private String shared(String name) {
        return names.computeIfAbsent(name, n -> n);
    }

    private static int hash(int day, String account, String service) {
        int hash = (day * 31 + account.hashCode()) * 31 + service.hashCode();
        return hash ^ (hash >>> 16); // spread the high bits into the slot index
    }

    private void grow() {
        Group[] old = table;
        table = new Group[old.length * 2];
        int mask = table.length - 1;
        for (Group group : old) {
            if (group != null) {
                int slot = group.hash & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = group;
            }
        }
    }

    /** One (day, account, service) and its running total. */
    private static final class Group {
        final int hash;
        final int day;
        final String account;
        final String service;
        final ExactSum sum = new ExactSum();
        long lineItems;
        /** For errors about the total: a sum has no line of its own, its last line item is the nearest. */
        long lastLine;

        Group(int hash, int day, String account, String service) {
            this.hash = hash;
            this.day = day;
            this.account = account;
            this.service = service;
        }
    }
}
