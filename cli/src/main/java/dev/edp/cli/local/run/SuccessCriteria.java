package dev.edp.cli.local.run;

import dev.edp.cli.local.run.cur.CurUpload;
import dev.edp.cli.local.run.cur.LoadPhase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seed 000's success criteria, computed from the run: processing success rate (good inputs that had their whole
 * expected outcome), end-to-end latency from upload to DynamoDB + SNS (p50, p99), audit completeness, throughput in
 * files per hour under the load phase, messages lost.
 */
public final class SuccessCriteria {

    static final double SUCCESS_TARGET = 0.999;
    static final Duration LATENCY_TARGET = Duration.ofSeconds(30);
    static final double FILES_PER_HOUR_TARGET = 1000;

    private SuccessCriteria() {
    }

    public static List<Criterion> measure(List<CurUpload> goodUploads, Optional<AuditScenario.Completeness> audit,
                                          Optional<LoadPhase.Result> load, LossAccount loss) {
        List<Criterion> criteria = new ArrayList<>();
        long ok = goodUploads.stream().filter(CurUpload::asExpected).count();
        criteria.add(goodUploads.isEmpty()
                ? notMeasured("Reliability", "processing success rate", "≥ 99.9%", "no good report was uploaded")
                : new Criterion("Reliability", "processing success rate",
                String.format("%.1f%% (%d/%d good reports fully processed)", 100.0 * ok / goodUploads.size(), ok,
                        goodUploads.size()), "≥ 99.9%", status((double) ok / goodUploads.size() >= SUCCESS_TARGET)));

        List<Duration> latencies = goodUploads.stream().map(CurUpload::latency).flatMap(Optional::stream).toList();
        Optional<Duration> p50 = Percentiles.of(latencies, 50);
        Optional<Duration> p99 = Percentiles.of(latencies, 99);
        criteria.add(p99.isEmpty()
                ? notMeasured("Performance", "end-to-end, upload → DynamoDB + SNS", "< 30 s", "nothing measured")
                : new Criterion("Performance", "end-to-end, upload → DynamoDB + SNS",
                "p50 " + millis(p50.get()) + ", p99 " + millis(p99.get()) + " (" + latencies.size() + " reports)",
                "< 30 s", status(p99.get().compareTo(LATENCY_TARGET) < 0)));

        criteria.add(audit.map(a -> new Criterion("Observability", "audit trail completeness",
                        String.format("%.1f%% (%d/%d events of the run in the audit bucket)", 100 * a.ratio(), a.audited(),
                                a.events()), "100%", status(a.missing().isEmpty())))
                .orElse(notMeasured("Observability", "audit trail completeness", "100%", "scenario audit not run")));

        criteria.add(load.flatMap(l -> l.filesPerHour().map(rate -> new Criterion("Scalability",
                        "throughput under load (" + l.files() + " files)",
                        String.format("%,.0f files/hour (%d files in %s, %d in flight)", rate, l.ingested(),
                                millis(l.elapsed()), l.inFlight()),
                        "≥ 1,000 files/hour", status(rate >= FILES_PER_HOUR_TARGET && l.ingested() == l.files()))))
                .orElse(notMeasured("Scalability", "throughput under load", "≥ 1,000 files/hour",
                        load.isPresent() ? "no file of the load phase was ingested" : "no load phase (--files 0 or cur not run)")));

        criteria.add(new Criterion("Error handling", "messages lost",
                loss.lost() + " (" + loss.sent() + " sent to queues: " + loss.processed() + " processed, "
                        + loss.deadLettered() + " in DLQs, " + loss.remaining() + " waiting)"
                        + (loss.details().isEmpty() ? "" : "; " + String.join("; ", loss.details())),
                "0", status(loss.lost() == 0)));
        return criteria;
    }

    private static ChecklistItem.Status status(boolean met) {
        return met ? ChecklistItem.Status.PASSED : ChecklistItem.Status.FAILED;
    }

    private static Criterion notMeasured(String goal, String measure, String target, String why) {
        return new Criterion(goal, measure, why, target, ChecklistItem.Status.NOT_RUN);
    }

    static String millis(Duration d) {
        return String.format("%,d ms", d.toMillis());
    }
}
