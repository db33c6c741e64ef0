package dev.edp.cli.local.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live trace: every hop of every event, with its time since the event started (its upload, or its PutEvents),
 * printed as it happens while {@link #live} is on (the scenarios) and only recorded while it is off (the load phase,
 * which shows a progress bar instead). Events are keyed by {@link dev.edp.sandbox.bus.BusEvent#key()}.
 */
public final class Trace {

    /** One hop of one event. */
    public record Hop(String key, Instant at, String text) {
    }

    private final PrintStream out;
    private final Map<String, Instant> starts = new ConcurrentHashMap<>();
    private final Map<String, String> titles = new ConcurrentHashMap<>();
    private String lastPrinted;
    private final List<Hop> hops = new ArrayList<>();
    private volatile boolean live = true;

    public Trace(PrintStream out) {
        this.out = out;
    }

    /** Prints hops as they happen (true) or only records them (false). */
    public void live(boolean on) {
        this.live = on;
    }

    /** An event starts: prints its title; hops are timed from here. Once per key: later calls change nothing. */
    public void start(String key, String title, Instant at) {
        if (starts.putIfAbsent(key, at) != null) {
            return;
        }
        titles.put(key, title);
        if (live) {
            synchronized (out) {
                out.println();
                out.println("  ▶ " + title);
                lastPrinted = key;
            }
        }
    }

    /** A hop of an event. An event not started (one a handler or the workflow put) starts at its first hop. */
    public void hop(String key, Instant at, String text) {
        start(key, text, at);
        Instant start = starts.get(key);
        synchronized (hops) {
            hops.add(new Hop(key, at, text));
        }
        if (live) {
            long ms = Math.max(0, Duration.between(start, at).toMillis());
            synchronized (out) {
                if (!key.equals(lastPrinted)) {
                    // Another event printed since: say again whose hop this is.
                    out.println("  ▷ " + titles.get(key) + " (continued)");
                    lastPrinted = key;
                }
                out.printf("    %+8d ms  %s%n", ms, text);
            }
        }
    }

    /** A line of the scenario's own: what it is about to do. */
    public void note(String text) {
        if (live) {
            synchronized (out) {
                out.println();
                out.println("  " + text);
                lastPrinted = null;
            }
        }
    }

    /** When an event started, if it did. */
    public Instant startOf(String key) {
        return starts.get(key);
    }

    /** Every hop recorded so far. */
    public List<Hop> hops() {
        synchronized (hops) {
            return List.copyOf(hops);
        }
    }
}
