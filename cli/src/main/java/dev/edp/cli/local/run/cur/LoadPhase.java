package dev.edp.cli.local.run.cur;

import dev.edp.cli.local.run.ProgressBar;
import dev.edp.cli.local.run.ScenarioContext;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The load phase: {@code N} cost reports pushed through the pipeline in a closed loop, as many in flight at a time as
 * the CUR consumer's event source mapping may process concurrently (its maximum concurrency: 2 in dev), a new upload
 * as soon as one is notified, with a progress bar. So the pipeline works at full concurrency without a queue building
 * up: the throughput (N over the time from the first upload to the last notification) is its capacity, and each
 * report's latency is its processing, not its wait behind the others.
 */
public final class LoadPhase {

    /** Bytes per report: 35 rows or so over three days, like a small daily export. */
    static final long REPORT_BYTES = 20_000;

    /** What the load phase measured. */
    public record Result(int files, int ingested, int inFlight, Duration elapsed) {
        /** Files per hour; empty when nothing was ingested. */
        public Optional<Double> filesPerHour() {
            return ingested == 0 || elapsed.isZero() ? Optional.empty()
                    : Optional.of(ingested * 3_600_000.0 / elapsed.toMillis());
        }
    }

    private LoadPhase() {
    }

    /** Runs it; {@code inFlight} is how many reports may be uploaded and not yet notified. */
    public static Result run(ScenarioContext context, int files, int inFlight) {
        CurProbe probe = new CurProbe(context);
        context.trace().live(false);
        ProgressBar bar = new ProgressBar(context.console(), "load", files);
        List<CurUpload> uploads = new ArrayList<>();
        try {
            Instant first = Instant.now();
            long deadline = System.nanoTime() + context.timeout().toNanos() + Duration.ofSeconds(5L * files).toNanos();
            int done = 0;
            while (done < files && System.nanoTime() < deadline) {
                while (uploads.size() < files && uploads.size() - done < inFlight) {
                    int i = uploads.size();
                    byte[] report = CurReports.good(100 + i, LocalDate.of(2024, 3, 1), 3, REPORT_BYTES);
                    uploads.add(probe.uploadGood("load", String.format("load/edp-local-%04d.csv", i), report, false));
                }
                done = 0;
                for (CurUpload upload : uploads) {
                    if (upload.success().isEmpty()) {
                        probe.notification(upload, "success").ifPresent(upload::succeeded);
                    }
                    done += upload.success().isPresent() ? 1 : 0;
                }
                bar.update(done);
                if (done < files) {
                    pause();
                }
            }
            bar.finish(done);
            Instant last = first;
            int ingested = 0;
            for (CurUpload upload : uploads) {
                probe.observeState(upload);
                if (upload.asExpected()) {
                    ingested++;
                    Instant at = upload.success().orElseThrow().publishedAt();
                    last = at.isAfter(last) ? at : last;
                }
            }
            windows(uploads).forEach(context.console()::println);
            return new Result(files, ingested, inFlight, Duration.between(first, last));
        } finally {
            context.trace().live(true);
        }
    }

    /** Reports per window at the start and the end of the load (100, or a tenth of a smaller load). */
    static int windowSize(int files) {
        return Math.max(1, Math.min(100, files / 10));
    }

    /**
     * The rate and latency over the first and the last window of reports, in upload order, and their ratio: whether
     * the cost of a report grows with the reports before it. A window's rate is its reports over the time from its
     * first upload to its last success notification.
     */
    static List<String> windows(List<CurUpload> uploads) {
        int size = windowSize(uploads.size());
        if (uploads.size() < 2 * size) {
            return List.of();
        }
        Optional<Double> first = rate(uploads.subList(0, size));
        Optional<Double> last = rate(uploads.subList(uploads.size() - size, uploads.size()));
        List<String> lines = new ArrayList<>();
        lines.add(describe("first " + size, uploads.subList(0, size), first));
        lines.add(describe("last " + size, uploads.subList(uploads.size() - size, uploads.size()), last));
        if (first.isPresent() && last.isPresent()) {
            lines.add(String.format("  load: last %d / first %d rate = %.2f×", size, size, last.get() / first.get()));
        }
        return lines;
    }

    private static Optional<Double> rate(List<CurUpload> window) {
        if (window.stream().anyMatch(u -> u.success().isEmpty())) {
            return Optional.empty();
        }
        Instant start = window.stream().map(CurUpload::startedAt).min(Instant::compareTo).orElseThrow();
        Instant end = window.stream().map(u -> u.success().orElseThrow().publishedAt()).max(Instant::compareTo).orElseThrow();
        long millis = Math.max(1, Duration.between(start, end).toMillis());
        return Optional.of(window.size() * 3_600_000.0 / millis);
    }

    private static String describe(String name, List<CurUpload> window, Optional<Double> rate) {
        List<Duration> latencies = window.stream().map(CurUpload::latency).flatMap(Optional::stream).toList();
        return String.format("  load: %s reports: %s files/hour, p50 %s ms, p99 %s ms", name,
                rate.map(r -> String.format("%,.0f", r)).orElse("n/a"),
                dev.edp.cli.local.run.Percentiles.of(latencies, 50).map(d -> String.format("%,d", d.toMillis())).orElse("n/a"),
                dev.edp.cli.local.run.Percentiles.of(latencies, 99).map(d -> String.format("%,d", d.toMillis())).orElse("n/a"));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
