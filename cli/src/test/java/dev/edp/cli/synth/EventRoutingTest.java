package dev.edp.cli.synth;

import dev.edp.sandbox.bus.GraphRules;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of every stack, compiled by event-ruler (EventBridge's own matcher), against the seeds' example events
 * and S3 "Object Created" events: each event matches exactly the rules it should, on the bus it arrives on.
 */
class EventRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDP_BUS = "edp-bus";
    private static final String AUDIT = "edp-audit-rule";

    static String example(String file) {
        try (InputStream in = EventRoutingTest.class.getResourceAsStream("/dev/edp/events/examples/" + file)) {
            return new String(in.readAllBytes());
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing example event " + file, e);
        }
    }

    static String objectCreated(String bucket, String key) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(example("object-created.json"));
            ((ObjectNode) event.get("detail").get("bucket")).put("name", bucket);
            ((ObjectNode) event.get("detail").get("object")).put("key", key);
            return event.toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void seedEventsReachExactlyTheirConsumerAndTheAuditTrail(String stack) {
        GraphRules rules = GraphRules.of(Stacks.graph(stack));
        assertThat(rules.buses()).containsExactlyInAnyOrder(GraphRules.DEFAULT_BUS, EDP_BUS);
        assertThat(rules.matching(EDP_BUS, example("order-created.json")))
                .containsExactlyInAnyOrder(AUDIT, "edp-order-processor-rule");
        assertThat(rules.matching(EDP_BUS, example("order-completed.json")))
                .containsExactlyInAnyOrder(AUDIT, "edp-order-processor-rule");
        assertThat(rules.matching(EDP_BUS, example("inventory-updated.json")))
                .containsExactlyInAnyOrder(AUDIT, "edp-inventory-processor-rule");
        assertThat(rules.matching(EDP_BUS, example("notification-sent.json")))
                .containsExactlyInAnyOrder(AUDIT, "edp-notification-processor-rule");
        assertThat(rules.matching(EDP_BUS, example("workflow-triggered.json")))
                .containsExactlyInAnyOrder(AUDIT, "edp-workflow-rule");
        assertThat(rules.matching(EDP_BUS, example("approval-decided.json")))
                .containsExactlyInAnyOrder(AUDIT, "edp-approval-processor-rule");
        // Nothing on the default bus but the forwarding rule, which only takes S3 events.
        for (String seed : List.of("order-created.json", "inventory-updated.json", "workflow-triggered.json")) {
            assertThat(rules.matching(GraphRules.DEFAULT_BUS, example(seed))).isEmpty();
        }
    }

    /**
     * Seed 001: S3 delivers "Object Created" only to the default bus. There only the forwarding rule matches; once
     * forwarded to the EDP bus, the cur-ingest rule (and the audit trail) take it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void costReportUploadsAreForwardedThenRoutedToCurIngest(String stack) {
        var graph = Stacks.graph(stack);
        String bucket = (String) Stacks.synth(stack).run().export("ingestBucketName");
        GraphRules rules = GraphRules.of(graph);
        for (String key : List.of("cur/2024/01/report.csv", "report-00001.csv.gz", "a/b/c.csv",
                "cur/my-export/data/BILLING_PERIOD=2024-01/my-export-00001.snappy.parquet")) {
            String upload = objectCreated(bucket, key);
            assertThat(rules.matching(GraphRules.DEFAULT_BUS, upload)).as(key).containsExactly("edp-cur-ingest-forward-rule");
            assertThat(rules.matching(EDP_BUS, upload)).as(key).containsExactlyInAnyOrder(AUDIT, "edp-cur-ingest-rule");
        }
        for (String key : List.of("report.csv.zip", "notes.txt", "report.parquet.tmp", "csv")) {
            assertThat(rules.matching(GraphRules.DEFAULT_BUS, objectCreated(bucket, key))).as(key).isEmpty();
            assertThat(rules.matching(EDP_BUS, objectCreated(bucket, key))).as(key).containsExactlyInAnyOrder(AUDIT);
        }
        assertThat(rules.matching(GraphRules.DEFAULT_BUS, objectCreated("someone-elses-bucket", "report.csv")))
                .isEmpty();
    }
}
