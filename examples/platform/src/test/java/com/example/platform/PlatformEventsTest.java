package com.example.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.testing.GraphResource;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's stack under Pulumi's mock engine (EDP's testing kit): what lands where. */
class PlatformEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MockedProgram.Run run(Map<String, String> config) {
        return MockedProgram.of("platform-events", "dev", config).run(PlatformEvents::define);
    }

    private static ResourceGraph graph() {
        MockedProgram.Run run = run(Map.of("aws:region", "us-east-1", "platform:environment", "prod",
                "platform:landingBucket", "acme-partner-landing"));
        assertThat(run.failure()).as("program failure").isNull();
        return run.graph();
    }

    private static JsonNode json(GraphResource r, String input) throws Exception {
        return JSON.readTree(r.string(input));
    }

    @Test
    void noSeedApplicationOnlyThePlatformsThreeConsumers() {
        ResourceGraph g = graph();
        assertThat(g.ofType("aws:lambda/function:Function")).extracting(GraphResource::name)
                .containsExactlyInAnyOrder("platform-orders-fn", "platform-enrich-fn", "platform-reserve-stock-fn");
        assertThat(g.ofType("aws:schemas/schema:Schema")).extracting(r -> (String) r.input("name"))
                .containsExactly("platform.orders@OrderPlaced");
        assertThat(g.find(r -> r.name().contains("cur-") || r.name().contains("order-processor"))).isEmpty();
    }

    @Test
    void threeKindsAndThreeRuntimes() {
        ResourceGraph g = graph();
        assertThat(g.named("platform-orders-fn").input("runtime")).isEqualTo("java21");
        assertThat(g.named("platform-orders-mapping")).isNotNull();
        assertThat(g.named("platform-enrich-fn").input("runtime")).isEqualTo("python3.12");
        assertThat(g.named("platform-enrich-async-config").input("maximumRetryAttempts")).isEqualTo(1L);
        assertThat(g.named("platform-reserve-stock-fn").input("runtime")).isEqualTo("nodejs20.x");
        GraphResource machine = g.named("platform-fulfilment");
        assertThat(machine.string("definition")).contains(":function:platform-reserve-stock-fn")
                .doesNotContain("${");
        assertThat(g.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).extracting(GraphResource::name)
                .contains("platform-alarm-orders-queue-depth", "platform-alarm-enrich-errors",
                        "platform-alarm-fulfilment-failed", "platform-alarm-fulfilment-dlq-messages");
        assertThat(g.named("platform-alarm-enrich-errors").input("threshold")).isEqualTo(1L);
    }

    @Test
    void partnerUploadsToTheExistingBucketReachThePythonFunction() throws Exception {
        ResourceGraph g = graph();
        assertThat(g.ofType("aws:s3/bucketNotification:BucketNotification")).isEmpty();
        JsonNode forward = json(g.named("platform-landing-forward-rule"), "eventPattern");
        assertThat(forward.at("/detail/bucket/name/0").asText()).isEqualTo("acme-partner-landing");
        assertThat(forward.at("/detail/object/key/0/wildcard").asText()).isEqualTo("partners/*.json");
        assertThat(json(g.named("platform-enrich-rule"), "eventPattern")).isEqualTo(forward);
        assertThat(json(g.named("platform-enrich-policy"), "policy").toString())
                .contains("arn:aws:s3:::acme-partner-landing/*");
    }

    @Test
    void theScheduleTicksOnTheBus() throws Exception {
        ResourceGraph g = graph();
        GraphResource schedule = g.named("platform-stock-check-schedule");
        assertThat(schedule.input("scheduleExpression")).isEqualTo("rate(1 hour)");
        JsonNode target = JSON.valueToTree(schedule.input("target"));
        assertThat(target.at("/eventbridgeParameters/detailType").asText()).isEqualTo("Stock Check");
        assertThat(schedule.propertyDependencies().get("target")).contains(g.named("platform-bus").urn());
    }

    @Test
    void theLandingBucketIsRequired() {
        MockedProgram.Run run = run(Map.of("aws:region", "us-east-1"));
        assertThat(run.failure()).hasStackTraceContaining("platform:landingBucket");
        assertThat(List.copyOf(run.graph().ofType("aws:sqs/queue:Queue"))).isEmpty();
    }
}
