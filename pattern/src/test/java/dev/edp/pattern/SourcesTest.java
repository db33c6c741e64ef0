package dev.edp.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.pattern.inputs.BucketArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FileSourceArgs;
import dev.edp.pattern.inputs.ScheduleArgs;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.edp.pattern.Programs.graph;
import static dev.edp.pattern.Programs.java;
import static dev.edp.pattern.Programs.json;
import static dev.edp.pattern.Programs.tree;
import static org.assertj.core.api.Assertions.assertThat;

/** File sources (new and existing buckets, filters, the default-bus forward) and schedules. */
class SourcesTest {

    @Test
    void aNewBucketFileSourceForwardsItsFilteredUploadsToThePatternsBus() {
        ResourceGraph g = graph("shop", EventDrivenPatternArgs.builder().environment("dev")
                .fileSources(FileSourceArgs.builder().name("invoices").prefix("in/").suffixes(".pdf", ".xml").build())
                .buckets(BucketArgs.builder().name("archive").expireAfterDays(400).build())
                .consumers(ConsumerArgs.builder().name("reader").fileSource("invoices")
                        .function(java("com.acme.Invoices::handle"))
                        .grants("bucket:invoices:read", "bucket:archive:write:done/")
                        .environment(Map.of("ARCHIVE", "${bucket:archive}"))
                        .build())
                .build());
        GraphResource bucket = g.named("shop-invoices-bucket");
        GraphResource notification = g.named("shop-invoices-bucket-notifications");
        assertThat(notification.input("eventbridge")).isEqualTo(true);
        assertThat(notification.propertyDependencies().get("bucket")).containsExactly(bucket.urn());
        GraphResource forward = g.named("shop-invoices-forward-rule");
        assertThat(forward.input("eventBusName")).isEqualTo("default");
        JsonNode pattern = json(forward, "eventPattern");
        assertThat(pattern.at("/detail/object/key").toString())
                .isEqualTo("[{\"wildcard\":\"in/*.pdf\"},{\"wildcard\":\"in/*.xml\"}]");
        GraphResource target = g.named("shop-invoices-forward-target");
        assertThat(target.propertyDependencies().get("arn")).containsExactly(g.named("shop-bus").urn());
        assertThat(target.propertyDependencies().get("deadLetterConfig")).containsExactly(g.named("shop-events-dlq").urn());
        assertThat(json(g.named("shop-reader-rule"), "eventPattern")).isEqualTo(pattern);
        assertThat(g.named("shop-events-dlq-policy").propertyDependencies().get("policy")).contains(forward.urn());

        JsonNode policy = json(g.named("shop-reader-policy"), "policy");
        assertThat(policy.toString()).contains("/done/*");
        assertThat(policy.findValuesAsText("Sid")).contains("ReadInvoices", "WriteArchive");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) g.named("shop-reader-fn")
                .input("environment")).get("variables");
        assertThat((String) variables.get("ARCHIVE")).startsWith("shop-archive-bucket");
        assertThat(g.named("shop-archive-bucket-lifecycle").input("rules").toString()).contains("days=400");
        // Both buckets log their requests.
        assertThat(g.ofType("aws:s3/bucketLoggingV2:BucketLoggingV2")).extracting(GraphResource::name)
                .contains("shop-invoices-bucket-access-logging", "shop-archive-bucket-access-logging");
        assertThat(g.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).extracting(GraphResource::name)
                .contains("shop-alarm-invoices-forward-failed-invocations");
    }

    @Test
    void schedulesPutEventsOnTheBusOrInvokeAConsumer() {
        ResourceGraph g = graph("shop", EventDrivenPatternArgs.builder().environment("dev")
                .consumers(ConsumerArgs.builder().name("nightly").eventPattern("{\"source\":[\"shop.clock\"]}")
                        .function(java("com.acme.Nightly::handle")).build())
                .schedules(
                        ScheduleArgs.builder().name("tick").expression("rate(5 minutes)").source("shop.clock")
                                .detailType("Tick").detail("{\"kind\":\"tick\"}").build(),
                        ScheduleArgs.builder().name("poke").expression("cron(0 6 * * ? *)").timezone("Europe/Paris")
                                .consumer("nightly").build())
                .build());
        GraphResource tick = g.named("shop-tick-schedule");
        assertThat(tick.input("scheduleExpression")).isEqualTo("rate(5 minutes)");
        assertThat(tick.input("scheduleExpressionTimezone")).isEqualTo("UTC");
        JsonNode target = tree(tick, "target");
        assertThat(target.at("/eventbridgeParameters/source").asText()).isEqualTo("shop.clock");
        assertThat(target.at("/eventbridgeParameters/detailType").asText()).isEqualTo("Tick");
        assertThat(target.get("input").asText()).isEqualTo("{\"kind\":\"tick\"}");
        assertThat(tick.propertyDependencies().get("target")).contains(g.named("shop-bus").urn(),
                g.named("shop-events-dlq").urn());
        JsonNode tickPolicy = json(g.named("shop-tick-schedule-policy"), "policy");
        assertThat(tickPolicy.findValuesAsText("Sid"))
                .containsExactly("PutScheduledEvents", "SendUndeliveredToEventsDlq", "EncryptForEventsDlq");
        // An SQS producer (the scheduler writing to the encrypted events DLQ) needs both key actions.
        assertThat(tickPolicy.at("/Statement/2/Action").toString()).contains("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(json(g.named("shop-tick-schedule-role"), "assumeRolePolicy").at("/Statement/0/Principal/Service")
                .asText()).isEqualTo("scheduler.amazonaws.com");

        GraphResource poke = g.named("shop-poke-schedule");
        assertThat(poke.input("scheduleExpressionTimezone")).isEqualTo("Europe/Paris");
        assertThat(poke.propertyDependencies().get("target")).contains(g.named("shop-nightly-fn").urn());
        assertThat(json(g.named("shop-poke-schedule-policy"), "policy").findValuesAsText("Sid")).contains("InvokeConsumer");
    }
}
