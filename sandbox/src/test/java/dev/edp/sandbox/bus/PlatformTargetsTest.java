package dev.edp.sandbox.bus;

import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the sandbox reads from a graph for the targets and sources that issue 14 added: an InputPath, a function
 * target's asynchronous invocation settings, and schedules.
 */
class PlatformTargetsTest {

    private static GraphResource resource(String type, String name, Map<String, Object> inputs) {
        return new GraphResource("urn:" + name, type, name, "urn:platform", inputs, List.of(), Map.of());
    }

    private static BusTarget target(String arn, String inputPath) {
        return new BusTarget("platform-enrich-rule", "platform-enrich-rule-1", "arn:aws:events:us-east-1:1:rule/b/r",
                arn, null, null, 185, inputPath);
    }

    private static final BusEvent EVENT = BusEvent.parse("{\"id\":\"e-1\",\"source\":\"aws.s3\",\"detail-type\":"
            + "\"Object Created\",\"detail\":{\"bucket\":{\"name\":\"landing\"},\"object\":{\"key\":\"a.json\"}}}");

    @Test
    void anInputPathDeliversThePartItSelects() {
        String fn = "arn:aws:lambda:us-east-1:123456789012:function:platform-enrich-fn:live";
        assertThat(TargetDelivery.input(target(fn, null), EVENT)).isEqualTo(EVENT.text());
        assertThat(TargetDelivery.input(target(fn, "$"), EVENT)).isEqualTo(EVENT.text());
        assertThat(TargetDelivery.input(target(fn, "$.detail"), EVENT))
                .isEqualTo("{\"bucket\":{\"name\":\"landing\"},\"object\":{\"key\":\"a.json\"}}");
        assertThat(TargetDelivery.input(target(fn, "$.detail.object.key"), EVENT)).isEqualTo("\"a.json\"");
        assertThatThrownBy(() -> TargetDelivery.input(target(fn, "$['detail']"), EVENT))
                .hasMessageContaining("InputPath $['detail'] of rule platform-enrich-rule-1");
    }

    @Test
    void aFunctionTargetsRetriesAndOnFailureDestinationComeFromItsInvokeConfig() {
        ResourceGraph graph = new ResourceGraph("dev", List.of(resource(AsyncInvocations.INVOKE_CONFIG,
                "platform-enrich-async-config", Map.of("functionName", "platform-enrich-fn", "maximumRetryAttempts", 1.0,
                        "destinationConfig", Map.of("onFailure", Map.of("destination",
                                "arn:aws:sqs:us-east-1:123456789012:platform-enrich-dlq"))))));
        assertThat(AsyncInvocations.configs(graph)).containsExactly(Map.entry("platform-enrich-fn",
                new AsyncInvocations.Config(1, "arn:aws:sqs:us-east-1:123456789012:platform-enrich-dlq")));
        assertThat(AsyncInvocations.functionName("arn:aws:lambda:us-east-1:1:function:platform-enrich-fn:live"))
                .isEqualTo("platform-enrich-fn");
        assertThat(AsyncInvocations.qualifier("arn:aws:lambda:us-east-1:1:function:platform-enrich-fn:live"))
                .isEqualTo("live");
        assertThat(AsyncInvocations.qualifier("arn:aws:lambda:us-east-1:1:function:platform-enrich-fn")).isNull();
    }

    @Test
    void aScheduleOnTheBusCanBeFiredAndOneWithAnotherTargetIsRefused() {
        ResourceGraph graph = new ResourceGraph("dev", List.of(
                resource(ScheduledEvents.SCHEDULE, "platform-stock-check-schedule", Map.of("scheduleExpression",
                        "rate(1 hour)", "target", Map.of("arn", "arn:aws:events:us-east-1:1:event-bus/platform-bus",
                                "input", "{\"scope\":\"all\"}", "eventbridgeParameters",
                                Map.of("source", "platform.scheduler", "detailType", "Stock Check")))),
                resource(ScheduledEvents.SCHEDULE, "platform-nightly-schedule", Map.of("scheduleExpression",
                        "cron(0 2 * * ? *)", "target", Map.of("arn", "arn:aws:lambda:us-east-1:1:function:f")))));
        ScheduledEvents schedules = ScheduledEvents.of(graph, null, "us-east-1", "123456789012");
        assertThat(schedules.all()).extracting(ScheduledEvents.Schedule::onBus).containsExactly(true, false);
        assertThat(schedules.all().get(0)).isEqualTo(new ScheduledEvents.Schedule("platform-stock-check-schedule",
                "rate(1 hour)", "arn:aws:events:us-east-1:1:event-bus/platform-bus", "platform.scheduler",
                "Stock Check", "{\"scope\":\"all\"}"));
        assertThatThrownBy(() -> schedules.fire(schedules.all().get(1)))
                .hasMessage("schedule platform-nightly-schedule: the sandbox fires only schedules that put events on"
                        + " a bus, not ones targeting arn:aws:lambda:us-east-1:1:function:f");
    }
}
