package dev.edp.cli.cur;

import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;

/**
 * {@code edp cur bench FILE}: reads and sums a report once, the way the Lambda does, and prints throughput and peak
 * heap. A measurement, not a test: run it in a fresh JVM with the heap limit under study (tools/bench/cur-bench.sh
 * does, with {@code -Xmx64m}). MB are 10^6 bytes of uncompressed CSV, for plain and gzip files alike;
 * {@code mb_per_cpu_s} divides by the process's CPU time instead of wall time.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the CUR parser on a file: rows/s, MB/s (uncompressed) and peak heap. Run in a fresh JVM.")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "A report (.csv or .csv.gz).")
    Path file;

    @Override
    public Integer call() throws IOException {
        long uncompressed = uncompressedSize(file);
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        CurAggregation report;
        try (InputStream in = Files.newInputStream(file)) {
            report = CurReader.aggregate(file.toString(), in);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "file=%s rows=%d groups=%d file_bytes=%d uncompressed_bytes=%d seconds=%.2f "
                        + "cpu_seconds=%.2f rows_per_s=%.0f mb_per_s=%.1f mb_per_cpu_s=%.1f peak_heap_mib=%.1f max_heap_mib=%.0f total=%s%n",
                file, report.lineItems(), report.totals().size(), Files.size(file), uncompressed, seconds,
                cpuSeconds, report.lineItems() / seconds, uncompressed / 1e6 / seconds, uncompressed / 1e6 / cpuSeconds, peakHeap / 1048576.0, maxHeap / 1048576.0,
                report.grandTotal().toPlainString());
        return 0;
    }

    /**
     * CPU time of the whole process (every thread: the parse, GC, JIT), which a machine shared with other work
     * disturbs far less than wall time.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The CSV's size: the file's, or for gzip a separate untimed decompression pass. */
    private static long uncompressedSize(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            if (!gzip) {
                return Files.size(file);
            }
            raw.reset();
            long size = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    size += n;
                }
            }
            return size;
        }
    }
}
