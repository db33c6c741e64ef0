package com.example.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.pattern.config.InvalidConfigException;
import dev.edp.testing.GraphResource;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's stack under Pulumi's mock engine (EDP's testing kit): no AWS account, no Pulumi CLI. The graph is
 * every resource the program registers, with its inputs, so the shop's own choices are checked where they land.
 */
class ShopEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MockedProgram.Run run(Map<String, String> config) {
        return MockedProgram.of("shop-events", "dev", config).run(ShopEvents::define);
    }

    private static ResourceGraph graph() {
        MockedProgram.Run run = run(Map.of("aws:region", "us-east-1", "shop:environment", "prod"));
        assertThat(run.failure()).as("program failure").isNull();
        return run.graph();
    }

    @Test
    void theShopsConsumersReplaceTheSeedOnesWithTheirOverrides() throws Exception {
        ResourceGraph g = graph();
        assertThat(g.ofType("aws:lambda/eventSourceMapping:EventSourceMapping")).hasSize(2);
        assertThat(g.find(r -> r.name().contains("order-processor"))).isEmpty();
        assertThat(g.ofType("aws:sfn/stateMachine:StateMachine")).isEmpty();

        GraphResource billing = g.named("shop-billing-fn");
        assertThat(billing.input("memorySize")).isEqualTo(1024L);
        assertThat(billing.input("timeout")).isEqualTo(60L);
        assertThat(billing.input("handler")).isEqualTo("com.example.shop.billing.InvoiceHandler::handleRequest");
        JsonNode redrive = JSON.readTree(g.named("shop-billing-queue").string("redrivePolicy"));
        assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(5);
        // EDP sizes the visibility timeout from the function's: 6 x 60 s.
        assertThat(g.named("shop-billing-queue").input("visibilityTimeoutSeconds")).isEqualTo(360L);
        assertThat(g.named("shop-billing-logs").input("retentionInDays")).isEqualTo(30L);

        // Auto-named (unique per stack; pulumi-aws appends .fifo), deduplicated by content.
        assertThat(g.named("shop-shipping-queue").input("fifoQueue")).isEqualTo(true);
        assertThat(g.named("shop-shipping-queue").input("contentBasedDeduplication")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> sqsTarget = (Map<String, Object>) g.named("shop-shipping-target").input("sqsTarget");
        assertThat(sqsTarget).containsEntry("messageGroupId", "$.detail.order_id");
        @SuppressWarnings("unchecked")
        Map<String, Object> retry = (Map<String, Object>) g.named("shop-shipping-target").input("retryPolicy");
        assertThat(retry).containsEntry("maximumRetryAttempts", 4L);

        @SuppressWarnings("unchecked")
        Map<String, Object> tags = (Map<String, Object>) g.named("shop-billing-queue").input("tags");
        assertThat(tags).containsEntry("team", "shop").containsEntry("edp:environment", "prod");
    }

    @Test
    void theStackExportsWhatEdpsOperationsCommandsRead() {
        MockedProgram.Run run = run(Map.of("aws:region", "us-east-1"));
        assertThat(run.exports().keySet()).contains("busName", "archiveName", "queueUrls", "deadLetterQueueUrls",
                "logGroupNames", "eventsDeadLetterQueueUrl", "tableName");
        @SuppressWarnings("unchecked")
        Map<String, String> queues = (Map<String, String>) run.export("queueUrls");
        assertThat(queues.keySet()).containsExactly("billing", "shipping");
    }

    @Test
    void aBadEnvironmentFailsBeforeAnythingIsCreatedNamingTheKey() {
        MockedProgram.Run run = run(Map.of("aws:region", "us-east-1", "shop:environment", "qa"));
        Throwable cause = run.failure();
        while (cause != null && !(cause instanceof InvalidConfigException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(InvalidConfigException.class).hasMessageContaining("environment");
        assertThat(run.graph().ofType("aws:sqs/queue:Queue")).isEmpty();
    }

    /**
     * The graph the policy pack gates on: written to target/graph.json (the shape `./edp synth` writes), so CI runs
     * `./edp check --graph examples/consumer/target/graph.json` (or the pack's own tests do) right after `mvn verify`.
     */
    @Test
    void writesItsGraphForThePolicyPack() throws Exception {
        MockedProgram.Run run = MockedProgram.of("shop-events", "prod", Map.of("aws:region", "us-east-1",
                "shop:environment", "prod")).run(ShopEvents::define);
        assertThat(run.failure()).as("program failure").isNull();
        Path file = Path.of("target", "graph.json");
        run.graph().writeJson(file);
        assertThat(JSON.readTree(Files.readString(file)).get("resources").size()).isEqualTo(run.graph().resources().size());
    }
}
