package dev.edp.cli.local.run.cur;

import dev.edp.events.FunctionEnvironment;
import dev.edp.events.QueueDefaults;
import dev.edp.cli.local.run.ChecklistItem;
import dev.edp.cli.local.run.DeliveryLedger;
import dev.edp.cli.local.run.ScenarioContext;
import dev.edp.reference.SeedConsumers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Seed 000's testing checklist, item by item, decided from what the run observed about every cost report uploaded
 * (the CUR scenario's and the load phase's): the default bus's forwarding, the EDP bus's deliveries, the CUR
 * function's attempts, DynamoDB, the curated bucket, the notifications, the dead-letter queue. An item with no
 * report to judge by is "not run", never passed.
 */
public final class SeedChecklist {

    public static final List<String> ITEMS = List.of(
            "Upload CSV file triggers EventBridge",
            "EventBridge rule routes to SQS",
            "Lambda processes SQS message",
            "Data written to DynamoDB",
            "Curated file created in S3",
            "SNS notification sent",
            "Failed messages go to DLQ",
            "Error notifications work");

    private SeedChecklist() {
    }

    public static List<ChecklistItem> evaluate(ScenarioContext context) {
        List<CurUpload> all = context.uploads().all();
        List<CurUpload> good = context.uploads().good();
        List<CurUpload> bad = context.uploads().bad();
        if (all.isEmpty()) {
            return ITEMS.stream().map(i -> ChecklistItem.notRun(i, "no cost report was uploaded (scenario cur not run)")).toList();
        }
        DeliveryLedger ledger = context.ledger();
        CurProbe probe = new CurProbe(context);
        String queue = CurProbe.queueName(context.exportMap("queueUrls").get(SeedConsumers.CUR_INGEST));
        int maxReceives = context.function(SeedConsumers.CUR_INGEST)
                .map(f -> Integer.parseInt(f.environment().getOrDefault(FunctionEnvironment.MAX_RECEIVE_COUNT,
                        String.valueOf(QueueDefaults.MAX_RECEIVE_COUNT)))).orElse(QueueDefaults.MAX_RECEIVE_COUNT);

        List<ChecklistItem> items = new ArrayList<>();
        items.add(every(ITEMS.get(0), all, u -> ledger.wasForwarded(u.uri()),
                "the default bus's forwarding rule matched the upload's \"Object Created\" event and forwarded it"));
        items.add(every(ITEMS.get(1), all, u -> ledger.deliveries(u.uri()).stream()
                        .anyMatch(d -> d.service().equals("sqs") && d.target().equals(queue)),
                "the EDP bus's rule sent the event to " + queue));
        items.add(every(ITEMS.get(2), good, u -> ledger.attempts(u.uri()).stream()
                        .anyMatch(a -> a.ok() && a.function().equals(SeedConsumers.CUR_INGEST)),
                "the CUR function processed the message and it was deleted"));
        items.add(dataWritten(good, probe));
        items.add(every(ITEMS.get(4), good, CurUpload::curated, "a curated copy per usage day in the curated bucket"));
        items.add(every(ITEMS.get(5), good, u -> u.success().isPresent(), "a success notification on the topic"));
        items.add(every(ITEMS.get(6), bad, u -> u.deadLettered() && probe.failedAttempts(u) == maxReceives,
                "in the CUR DLQ after exactly " + maxReceives + " failed receives (moto's redrive)"));
        items.add(every(ITEMS.get(7), bad, u -> u.error().isPresent()
                        && u.error().get().body().path("line").asInt(-1) == u.badLine()
                        && context.notifications().all().stream()
                        .filter(n -> "error".equals(n.kind()) && u.uri().equals(n.object())).count() == 1,
                "exactly one error notification, naming the file and the bad line"));
        return items;
    }

    /** Every good report's head committed, and DynamoDB's daily totals equal to the reports' exact sums. */
    private static ChecklistItem dataWritten(List<CurUpload> good, CurProbe probe) {
        ChecklistItem heads = every(ITEMS.get(3), good, CurUpload::committed, "each report's head committed for its version");
        if (heads.status() != ChecklistItem.Status.PASSED) {
            return heads;
        }
        List<String> differences = probe.totalsDifferences(good);
        return differences.isEmpty()
                ? new ChecklistItem(ITEMS.get(3), ChecklistItem.Status.PASSED,
                heads.evidence() + "; daily totals equal the reports' exact sums")
                : new ChecklistItem(ITEMS.get(3), ChecklistItem.Status.FAILED,
                "totals differ: " + differences.subList(0, Math.min(3, differences.size())));
    }

    private static ChecklistItem every(String item, List<CurUpload> uploads, Predicate<CurUpload> holds, String what) {
        if (uploads.isEmpty()) {
            return ChecklistItem.notRun(item, "no report of that kind was uploaded");
        }
        List<String> failing = uploads.stream().filter(holds.negate()).map(CurUpload::key).toList();
        return failing.isEmpty()
                ? new ChecklistItem(item, ChecklistItem.Status.PASSED, what + " (" + uploads.size() + "/" + uploads.size() + ")")
                : new ChecklistItem(item, ChecklistItem.Status.FAILED, "not for " + failing.size() + "/" + uploads.size()
                + ": " + failing.subList(0, Math.min(3, failing.size())));
    }
}
