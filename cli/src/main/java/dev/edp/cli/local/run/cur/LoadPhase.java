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
            return new Result(files, ingested, inFlight, Duration.between(first, last));
        } finally {
            context.trace().live(true);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
