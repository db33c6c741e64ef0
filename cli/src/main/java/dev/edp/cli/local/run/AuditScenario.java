package dev.edp.cli.local.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit trail (seed 004: every event archived to S3 via Firehose): puts a probe event that only the catch-all
 * audit rule matches, then checks that every event that reached the bus during the run (the other scenarios' too)
 * is in the audit bucket. moto's Firehose writes to the bucket itself.
 */
public final class AuditScenario implements Scenario {

    static final String PROBE_SOURCE = "edp.local";
    static final String PROBE_TYPE = "Audit Probe";

    private volatile Completeness completeness;

    /** Events on the bus during the run, and how many of them the audit bucket holds. */
    public record Completeness(int events, int audited, Set<String> missing) {
        public double ratio() {
            return events == 0 ? 1.0 : (double) audited / events;
        }
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String description() {
        return "audit: every event of the run lands in the audit bucket (catch-all rule → Firehose → S3)";
    }

    @Override
    public Optional<String> unavailable(ScenarioContext context) {
        return context.sandbox().stack().exports().getOrDefault("auditBucketName", "").toString().isEmpty()
                ? Optional.of("the audit trail is disabled in this stack (edp:audit.enabled)") : Optional.empty();
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        String bus = context.export("busName");
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("probe", "audit").put("at", Instant.now().toString());
        String id = context.aws().events().putEvents(b -> b.entries(e -> e.eventBusName(bus).source(PROBE_SOURCE)
                .detailType(PROBE_TYPE).detail(detail.toString()))).entries().get(0).eventId();

        AuditTrailReader reader = new AuditTrailReader(context.aws().s3(), context.export("auditBucketName"));
        long deadline = System.nanoTime() + context.timeout().toNanos();
        // Wait for the probe itself, not only for what the ledger holds so far: the bus receives the probe
        // asynchronously, and until it has, "every event so far is audited" can hold with the probe missing from both
        // the ledger and the bucket (the check then saw "delivered by []", 31 ms before Firehose's delivery).
        Completeness found = measure(context, bus, reader);
        while (!probeSettled(context.ledger(), bus, id, found) && System.nanoTime() < deadline) {
            pause();
            found = measure(context, bus, reader);
        }
        completeness = found;
        context.trace().hop(id, Instant.now(), "audit bucket: " + found.audited() + " of " + found.events()
                + " events of the run, in " + reader.objects() + " objects");
        List<String> probeRules = context.ledger().deliveries(id).stream()
                .map(dev.edp.cli.local.run.DeliveryLedger.Delivery::rule).distinct().toList();
        return ScenarioResult.ran(name(), List.of(
                Check.of("the probe reached only the audit rule's target", probeRules.size() == 1
                        && probeRules.get(0).endsWith("audit-rule"), "delivered by " + probeRules),
                Check.of("every event of the run is in the audit bucket", found.missing().isEmpty(),
                        found.audited() + "/" + found.events() + (found.missing().isEmpty() ? ""
                                : ", missing " + new TreeSet<>(found.missing())))));
    }

    /** What the last run measured, if it ran. */
    public Optional<Completeness> completeness() {
        return Optional.ofNullable(completeness);
    }

    /** The probe reached the bus, its delivery to Firehose is recorded, and every event so far is in the bucket. */
    static boolean probeSettled(DeliveryLedger ledger, String bus, String probeId, Completeness found) {
        return found.missing().isEmpty() && ledger.keysOnBus(bus).contains(probeId)
                && !ledger.deliveries(probeId).isEmpty();
    }

    private static Completeness measure(ScenarioContext context, String bus, AuditTrailReader reader) {
        Set<String> events = context.ledger().keysOnBus(bus);
        Set<String> audited = reader.refresh();
        Set<String> missing = new TreeSet<>(events);
        missing.removeAll(audited);
        return new Completeness(events.size(), events.size() - missing.size(), missing);
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
