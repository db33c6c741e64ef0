package dev.edp.cli.local.run.cur;

import dev.edp.cli.local.run.Check;
import dev.edp.cli.local.run.Scenario;
import dev.edp.cli.local.run.ScenarioContext;
import dev.edp.cli.local.run.ScenarioResult;
import dev.edp.reference.RuntimeHandlers;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Seed 000's pipeline: a good cost report and a bad one uploaded to the ingest bucket, each followed through S3 →
 * default bus → forwarding rule → EDP bus → rule → SQS → CUR function → DynamoDB, curated S3, SNS; the bad one
 * through three failed receives to the DLQ and one error notification.
 */
public final class CurScenario implements Scenario {

    static final String GOOD_KEY = "reports/2024-02/edp-local-good.csv";
    static final String BAD_KEY = "reports/2024-02/edp-local-bad.csv";

    @Override
    public String name() {
        return "cur";
    }

    @Override
    public String description() {
        return "CUR upload: a good report and a bad one (seed 000)";
    }

    @Override
    public Optional<String> unavailable(ScenarioContext context) {
        if (context.sandbox().stack().exports().getOrDefault("ingestBucketName", "").toString().isEmpty()) {
            return Optional.of("cost-report ingest is disabled in this stack (edp:curIngest.enabled)");
        }
        return context.missingHandlers(List.of(RuntimeHandlers.CUR_INGEST));
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        CurProbe probe = new CurProbe(context);
        CurUpload good = probe.uploadGood("scenario", GOOD_KEY,
                CurReports.good(1, LocalDate.of(2024, 2, 1), 3, 20_000), true);
        probe.awaitOutcome(good);
        CurUpload bad = probe.uploadBad("scenario", BAD_KEY, CurReports.bad(), CurReports.BAD_LINE, true);
        probe.awaitOutcome(bad);
        return ScenarioResult.ran(name(), List.of(
                Check.of("good report ingested: head committed, curated copies, success notification",
                        good.asExpected(), describe(good)),
                Check.of("bad report: DLQ after failed receives, one error notification naming line " + CurReports.BAD_LINE,
                        bad.asExpected(), describe(bad))));
    }

    static String describe(CurUpload upload) {
        if (upload.good()) {
            return "committed=" + upload.committed() + ", curated=" + upload.curated() + ", notified="
                    + upload.success().isPresent()
                    + upload.latency().map(d -> ", " + d.toMillis() + " ms upload→DynamoDB+SNS").orElse("");
        }
        return "in DLQ=" + upload.deadLettered() + ", error notification=" + upload.error()
                .map(n -> "line " + n.body().path("line").asText("?") + ": " + n.body().path("reason").asText(""))
                .orElse("none");
    }
}
