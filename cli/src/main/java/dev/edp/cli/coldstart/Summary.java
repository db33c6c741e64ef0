package dev.edp.cli.coldstart;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One handler's figures over its runs, min / median / max, from the probe's HANDLED lines. */
final class Summary {

    private Summary() {
    }

    /**
     * Cold: {@code constructed} (JVM uptime when the handler was built), {@code handled} (process start to the first
     * input handled, as the parent measured it: the JVM's own start included) and the input's own time. Primed:
     * {@code ready} (uptime when init and priming were done) and {@code first input} (its time after priming). Both:
     * {@code warm input}, a second input in the same JVM (mostly the emulator's time: the floor of the first).
     */
    static String of(String function, boolean primed, List<String> lines) {
        return primed
                ? String.format(Locale.ROOT, "%-22s runs=%d ready_ms=%s first_input_ms=%s warm_input_ms=%s", function,
                        lines.size(), stats(lines, "ready_ms"), stats(lines, "batch_ms"), stats(lines, "second_ms"))
                : String.format(Locale.ROOT, "%-22s runs=%d constructed_ms=%s handled_ms=%s input_ms=%s warm_input_ms=%s",
                        function, lines.size(), stats(lines, "constructed_ms"), stats(lines, "wall_ms"),
                        stats(lines, "batch_ms"), stats(lines, "second_ms"));
    }

    /** {@code min/median/max} of a field. */
    static String stats(List<String> lines, String field) {
        long[] values = lines.stream().mapToLong(line -> field(line, field)).sorted().toArray();
        return values.length == 0 ? "n/a" : values[0] + "/" + median(values) + "/" + values[values.length - 1];
    }

    private static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static long field(String line, String name) {
        return Arrays.stream(line.split(" ")).filter(part -> part.startsWith(name + "="))
                .map(part -> Long.parseLong(part.substring(name.length() + 1))).findFirst()
                .orElseThrow(() -> new IllegalStateException("the probe's line has no " + name + ": " + line));
    }
}
