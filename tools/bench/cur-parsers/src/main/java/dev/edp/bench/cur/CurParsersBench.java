package dev.edp.bench.cur;

import dev.edp.runtime.cur.CostCsv;
import dev.edp.runtime.cur.CurAggregation;

import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The CUR parser experiment (docs/benchmarks.md, "Experiment"): the same exact aggregation
 * ({@link dev.edp.runtime.cur.CurAggregator}) fed by other CSV parsers, optionally behind a second thread that
 * inflates gzip. A measurement, not a product: the Lambda parses with FastCSV ({@link Parsers#FASTCSV} is exactly
 * {@code CurReader.aggregate}); {@link Parsers#COMMONS_CSV} is the parser it replaced, kept here for comparison.
 *
 * <pre>
 * java -Xmx64m -XX:+UseSerialGC -jar cur-parsers-bench.jar PARSER [--pipeline] FILE [--bytes N] [--out TOTALS.csv]
 *   PARSER      fastcsv | commons-csv | commons-csv-parse-only | commons-csv-parallel | jackson-csv
 *   --pipeline  read and inflate on a second thread (gzip files), parse and sum on this one
 *   --bytes     the uncompressed size (required for .gz files; a plain file's own size by default)
 *   --out       also write the totals as `edp cur aggregate` prints them, to compare byte for byte
 * </pre>
 * Prints one line: wall and process-CPU seconds, MB/s (10^6 bytes of uncompressed CSV) of both, peak heap, and
 * the CPU time of the parsing thread and of the inflating thread (with --pipeline): on a machine with two free
 * cores the pipeline's wall time tends to the larger of the two.
 */
public final class CurParsersBench {

    private CurParsersBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PARSER [--pipeline] FILE [--bytes N] [--out TOTALS.csv]; PARSER: " + Parsers.names());
            System.exit(2);
        }
        Parsers parser = Parsers.named(args[0]);
        int next = 1;
        boolean pipeline = args[next].equals("--pipeline");
        if (pipeline) {
            next++;
        }
        Path file = Path.of(args[next++]);
        Path out = null;
        long uncompressed = -1;
        for (; next + 1 < args.length; next += 2) {
            switch (args[next]) {
                case "--out" -> out = Path.of(args[next + 1]);
                case "--bytes" -> uncompressed = Long.parseLong(args[next + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[next]);
            }
        }
        if (uncompressed < 0) {
            if (file.getFileName().toString().endsWith(".gz")) {
                throw new IllegalArgumentException("--bytes: the uncompressed size of " + file + " is needed");
            }
            uncompressed = Files.size(file);
        }
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        long threadCpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        CurAggregation report;
        InflatingPipe pipe = null;
        try (InputStream raw = Files.newInputStream(file)) {
            pipe = pipeline ? InflatingPipe.start(raw) : null;
            report = parser.aggregate(file.toString(), pipe != null ? pipe : raw);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
        double parseCpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuStarted) / 1e9;
        double inflateCpuSeconds = pipe != null ? pipe.producerCpuNanos() / 1e9 : 0;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "parser=%s pipeline=%s file=%s rows=%d groups=%d seconds=%.2f cpu_seconds=%.2f "
                        + "parse_thread_cpu_seconds=%.2f inflate_thread_cpu_seconds=%.2f "
                        + "mb_per_s=%.1f mb_per_cpu_s=%.1f peak_heap_mib=%.1f total=%s%n",
                parser.label(), pipeline, file.getFileName(), report.lineItems(), report.totals().size(), seconds,
                cpuSeconds, parseCpuSeconds, inflateCpuSeconds, uncompressed / 1e6 / seconds, uncompressed / 1e6 / cpuSeconds, peakHeap / 1048576.0,
                report.grandTotal().toPlainString());
        if (out != null) {
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                CostCsv.write(report.totals(), writer);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
