package dev.edp.cli.local.run;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit check waits for its own probe, not just for what has been seen so far (the "delivered by []" flake). */
class AuditScenarioTest {

    private static final String BUS = "edp-bus-1";

    @Test
    void everythingSeenSoFarAuditedIsNotEnoughUntilTheProbeIsDelivered() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.received(BUS, "order-1", "Order Created");
        AuditScenario.Completeness allSoFar = new AuditScenario.Completeness(1, 1, Set.of());

        assertThat(AuditScenario.probeSettled(ledger, BUS, "probe-1", allSoFar)).as("probe not on the bus yet").isFalse();

        ledger.received(BUS, "probe-1", AuditScenario.PROBE_TYPE);
        assertThat(AuditScenario.probeSettled(ledger, BUS, "probe-1",
                new AuditScenario.Completeness(2, 1, Set.of("probe-1")))).as("probe not in the bucket yet").isFalse();
        assertThat(AuditScenario.probeSettled(ledger, BUS, "probe-1",
                new AuditScenario.Completeness(2, 2, Set.of()))).as("its Firehose delivery not recorded yet").isFalse();

        ledger.delivered("probe-1", new DeliveryLedger.Delivery("edp-audit-rule", "firehose", "edp-audit-stream",
                "record-1", Instant.now()));
        assertThat(AuditScenario.probeSettled(ledger, BUS, "probe-1",
                new AuditScenario.Completeness(2, 2, Set.of()))).isTrue();
    }
}
