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
 * The load phase: {@code N} cost reports uploaded back to back, then followed to their success notifications, with a
 * progress bar. Its figure is the throughput in files per hour: N over the time from the first upload to the last
 * notification, with the CUR consumer at the stack's own maximum concurrency.
 */
public final class LoadPhase {

    /** Bytes per report: 35 rows or so over three days, like a small daily export. */
    static final long REPORT_BYTES = 20_000;

    /** What the load phase measured. */
    public record Result(int files, int ingested, Duration elapsed) {
        /** Files per hour; empty when nothing was ingested. */
        public Optional<Double> filesPerHour() {
            return ingested == 0 || elapsed.isZero() ? Optional.empty()
                    : Optional.of(ingested * 3_600_000.0 / elapsed.toMillis());
        }
    }

    private LoadPhase() {
    }

    public static Result run(ScenarioContext context, int files) {
        CurProbe probe = new CurProbe(context);
        context.trace().live(false);
        ProgressBar bar = new ProgressBar(context.console(), "load", files);
        List<CurUpload> uploads = new ArrayList<>();
        try {
            Instant first = Instant.now();
            for (int i = 0; i < files; i++) {
                byte[] report = CurReports.good(100 + i, LocalDate.of(2024, 3, 1), 3, REPORT_BYTES);
                uploads.add(probe.uploadGood("load", String.format("load/edp-local-%04d.csv", i), report, false));
            }
            long deadline = System.nanoTime() + context.timeout().toNanos() + Duration.ofMillis(500L * files).toNanos();
            int done = 0;
            while (done < files && System.nanoTime() < deadline) {
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
            return new Result(files, ingested, Duration.between(first, last));
        } finally {
            context.trace().live(true);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
