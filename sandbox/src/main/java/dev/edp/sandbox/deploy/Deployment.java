package dev.edp.sandbox.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sandbox did with each resource of the stack, in the order the program registered them, plus the
 * sandbox's own plumbing (resources that are not part of the stack, e.g. an observation queue): the deploy summary
 * prints it, so a user sees exactly what is emulated, what the sandbox plays itself, and what is not emulated.
 */
public final class Deployment {

    /** One resource and where it went. */
    public record Entry(String type, String logicalName, String id, Placement placement, String note) {
    }

    /** A resource the sandbox adds for itself, and what for. */
    public record Plumbing(String what, String purpose) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Plumbing> plumbing = new ArrayList<>();

    public synchronized void record(String type, String logicalName, Placed placed) {
        entries.add(new Entry(type, logicalName, placed.id(), placed.placement(), placed.note()));
    }

    public synchronized void plumbing(String what, String purpose) {
        plumbing.add(new Plumbing(what, purpose));
    }

    /** The id the emulator (or the sandbox) gave a resource: a queue's URL, a bus's or bucket's name, a key id. */
    public synchronized String id(String type, String logicalName) {
        return entries.stream().filter(e -> e.type().equals(type) && e.logicalName().equals(logicalName))
                .map(Entry::id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " named " + logicalName + " was deployed"));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<Plumbing> plumbing() {
        return List.copyOf(plumbing);
    }

    /** How many resources landed where. */
    public synchronized Map<Placement, Integer> countByPlacement() {
        Map<Placement, Integer> counts = new LinkedHashMap<>();
        for (Placement p : Placement.values()) {
            counts.put(p, 0);
        }
        entries.forEach(e -> counts.merge(e.placement(), 1, Integer::sum));
        return counts;
    }

    /** Resource count per type on the emulator, by short type name (e.g. {@code sqs/queue}). */
    public synchronized Map<String, Integer> emulatedTypes() {
        Map<String, Integer> counts = new TreeMap<>();
        entries.stream().filter(e -> e.placement() == Placement.EMULATOR)
                .forEach(e -> counts.merge(shortType(e.type()), 1, Integer::sum));
        return counts;
    }

    /**
     * The entries with something to say (local or not emulated, or a note), grouped by placement, type and note:
     * "not emulated: schemas/schema x8: moto has no EventBridge Schemas API".
     */
    public synchronized Map<Placement, Map<String, List<String>>> notes() {
        Map<Placement, Map<String, List<String>>> grouped = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.note() == null) {
                continue;
            }
            grouped.computeIfAbsent(e.placement(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(shortType(e.type()) + ": " + e.note(), k -> new ArrayList<>())
                    .add(e.logicalName());
        }
        return grouped;
    }

    /** {@code aws:sqs/queue:Queue} → {@code sqs/queue}. */
    public static String shortType(String type) {
        int colon = type.lastIndexOf(':');
        String middle = type.startsWith("aws:") && colon > 4 ? type.substring(4, colon) : type;
        return middle;
    }
}
