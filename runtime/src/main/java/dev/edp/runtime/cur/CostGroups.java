package dev.edp.runtime.cur;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * number from {@link UsageDates} and the two names' UTF-8 bytes as the parser hands them over: no key object, no
 * String and no boxing per row, and groups laid out compactly, which matters because every row visits one of thousands of groups at random.
 * A new group keeps one shared copy of each account and service name, so the names that every row is compared with
 * are a few hundred byte arrays that stay in the CPU cache, not one pair per group scattered over the heap.
 */
final class CostGroups {

    private final Map<String, Name> names = new HashMap<>();
    private Group[] table = new Group[1 << 10];
    private int size;

    /** What {@link #totals} hands each group to before it is handed out. */
    interface TotalCheck {
        /** Checks the total of {@code key}; {@code lastLine} is the line of the group's last line item. */
        void check(CostKey key, CostTotal total, long lastLine);
    }

    /** Adds line item {@code line} of {@code amount} to its group; true when the group is new. */
    boolean add(int day, String account, String service, DecimalText amount, long line) {
        byte[] a = account.getBytes(StandardCharsets.UTF_8);
        byte[] s = service.getBytes(StandardCharsets.UTF_8);
        return add(day, a, 0, a.length, s, 0, s.length, amount, line);
    }

    /**
     * The same for an account and a service given as UTF-8 bytes ({@code bytes[from, to)}, well-formed): the
     * per-row path of {@link CurReader}, which makes no String for a group that exists.
     */
    boolean add(int day, byte[] accountBytes, int accountFrom, int accountTo,
                byte[] serviceBytes, int serviceFrom, int serviceTo, DecimalText amount, long line) {
        int hash = hash(day, RawText.hash(accountBytes, accountFrom, accountTo), RawText.hash(serviceBytes, serviceFrom, serviceTo));
        int mask = table.length - 1;
        int slot = hash & mask;
        Group group;
        boolean created = false;
        while ((group = table[slot]) != null
                && !(group.hash == hash && group.day == day
                && Arrays.equals(group.accountBytes, 0, group.accountBytes.length, accountBytes, accountFrom, accountTo)
                && Arrays.equals(group.serviceBytes, 0, group.serviceBytes.length, serviceBytes, serviceFrom, serviceTo))) {
            slot = (slot + 1) & mask;
        }
        if (group == null) {
            group = new Group(hash, day, shared(RawText.string(accountBytes, accountFrom, accountTo)),
                    shared(RawText.string(serviceBytes, serviceFrom, serviceTo)));
            table[slot] = group;
            if (++size * 2 > table.length) {
                grow();
            }
            created = true;
        }
        group.add(amount);
        group.lineItems++;
        group.lastLine = line;
        return created;
    }

    /** The totals, keyed by day (resolved by {@code days}), account and service, in key order; each checked. */
    NavigableMap<CostKey, CostTotal> totals(IntFunction<java.time.LocalDate> days, TotalCheck check) {
        NavigableMap<CostKey, CostTotal> totals = new TreeMap<>();
        for (Group group : table) {
            if (group != null) {
                CostKey key = new CostKey(days.apply(group.day), group.account.text, group.service.text);
                CostTotal total = new CostTotal(group.value(), group.lineItems);
                check.check(key, total, group.lastLine);
                totals.put(key, total);
            }
        }
        return totals;
    }

    private Name shared(String name) {
        return names.computeIfAbsent(name, n -> new Name(n, n.getBytes(StandardCharsets.UTF_8)));
    }

    private static int hash(int day, int account, int service) {
        int hash = (day * 31 + account) * 31 + service;
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

    /** One (day, account, service) and its running total (inherited: the sum's fields in the same object). */
    private static final class Group extends ExactSum {
        final int hash;
        final int day;
        final Name account;
        final Name service;
        /** The names' bytes, which every line item of the group is compared with. */
        final byte[] accountBytes;
        final byte[] serviceBytes;
        long lineItems;
        /** For errors about the total: a sum has no line of its own, its last line item is the nearest. */
        long lastLine;

        Group(int hash, int day, Name account, Name service) {
            this.hash = hash;
            this.day = day;
            this.account = account;
            this.service = service;
            this.accountBytes = account.bytes;
            this.serviceBytes = service.bytes;
        }
    }

    /** An account or service name, as text and as the UTF-8 bytes line items are compared with. */
    private record Name(String text, byte[] bytes) {
    }
}
