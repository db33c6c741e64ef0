package dev.edp.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.pattern.config.InvalidConfigException;
import dev.edp.pattern.inputs.AuditArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.CurIngestArgs;
import dev.edp.pattern.inputs.StateTableArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.pattern.inputs.WorkflowArgs;
import dev.edp.testing.GraphResource;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The component imported into a user's own program, with the configurations users reach for. */
class EventDrivenPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MockedProgram.Run run(String name, EventDrivenPatternArgs args) {
        return MockedProgram.of("shop", "test", Map.of("aws:region", "eu-west-1"))
                .run(ctx -> new EventDrivenPattern(name, args));
    }

    private static ResourceGraph graph(String name, EventDrivenPatternArgs args) {
        MockedProgram.Run run = run(name, args);
        assertThat(run.failure()).as("program failure").isNull();
        return run.graph();
    }

    private static JsonNode json(GraphResource r, String input) {
        try {
            return JSON.readTree(r.string(input));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aUserConsumerGetsTheWholeChainAndOnlyTheAccessItsGrantsName() {
        ResourceGraph g = graph("shop", EventDrivenPatternArgs.builder()
                .environment("staging")
                .includeSeedConsumers(false)
                .curIngest(CurIngestArgs.builder().enabled(false).build())
                .consumers(ConsumerArgs.builder()
                        .name("billing")
                        .eventPattern("{\"source\":[\"billing\"],\"detail-type\":[\"Invoice Issued\"]}")
                        .handler("com.acme.billing.InvoiceHandler::handleRequest")
                        .grants("table:write", "bus:putEvents")
                        .environment(Map.of("ACME_CURRENCY", "EUR"))
                        .build())
                .build());
        assertThat(g.ofType("aws:lambda/eventSourceMapping:EventSourceMapping")).hasSize(1);
        GraphResource fn = g.named("shop-billing-fn");
        assertThat(fn.input("handler")).isEqualTo("com.acme.billing.InvoiceHandler::handleRequest");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) fn.input("environment")).get("variables");
        assertThat(variables).containsEntry("ACME_CURRENCY", "EUR").containsEntry("EDP_CONSUMER", "billing")
                .containsEntry("EDP_ENVIRONMENT", "staging").doesNotContainKey("EDP_CURATED_BUCKET");
        assertThat(g.named("shop-billing-rule").string("eventPattern")).contains("Invoice Issued");

        JsonNode statements = json(g.named("shop-billing-policy"), "policy").get("Statement");
        List<String> sids = statements.findValuesAsText("Sid");
        assertThat(sids).containsExactlyInAnyOrder("WriteOwnLogs", "SendTraces", "DecryptEnvironmentAndMessages",
                "ConsumeOwnQueue", "WriteTable", "PutEventsOnBus", "EncryptWithPatternKey");
        assertThat(statements.toString()).doesNotContain("sns:Publish").doesNotContain("dynamodb:GetItem");
        // The region comes from the provider, not a constant.
        assertThat(g.named("shop-billing-queue").string("kmsMasterKeyId")).startsWith("arn:aws:kms:us-east-1:");
    }

    @Test
    void aFifoConsumerGetsFifoQueuesAndAMessageGroup() {
        ResourceGraph g = graph("shop", EventDrivenPatternArgs.builder()
                .environment("dev")
                .includeSeedConsumers(false)
                .consumers(ConsumerArgs.builder().name("ledger").fifo(true).messageGroupId("accounts")
                        .eventPattern("{\"source\":[\"ledger\"]}").handler("com.acme.Ledger::handle").build())
                .build());
        assertThat(g.named("shop-ledger-queue").input("fifoQueue")).isEqualTo(true);
        // Auto-named (unique per stack); pulumi-aws adds the ".fifo" suffix SQS requires.
        assertThat(g.named("shop-ledger-queue").input("name")).isNull();
        assertThat(g.named("shop-ledger-dlq").input("fifoQueue")).isEqualTo(true);
        assertThat(g.named("shop-ledger-queue").string("redrivePolicy")).contains("shop-ledger-dlq-").contains(".fifo");
        @SuppressWarnings("unchecked")
        Map<String, Object> sqsTarget = (Map<String, Object>) g.named("shop-ledger-target").input("sqsTarget");
        assertThat(sqsTarget).containsEntry("messageGroupId", "accounts");
        assertThat(g.named("shop-ledger-mapping").input("maximumBatchingWindowInSeconds")).isNull();
    }

    @Test
    void anExistingIngestBucketKeepsItsOwnNotificationConfiguration() {
        ResourceGraph g = graph("edp", EventDrivenPatternArgs.builder()
                .environment("prod")
                .curIngest(CurIngestArgs.builder().existingBucketName("acme-cost-reports").build())
                .build());
        assertThat(g.ofType("aws:s3/bucketNotification:BucketNotification")).isEmpty();
        assertThat(g.ofType("aws:s3/bucketV2:BucketV2")).extracting(GraphResource::name)
                .containsExactlyInAnyOrder("edp-cur-curated-bucket", "edp-audit-bucket", "edp-access-logs");
        assertThat(g.named("edp-cur-forward-rule").string("eventPattern")).contains("acme-cost-reports");
        assertThat(json(g.named("edp-cur-ingest-policy"), "policy").toString())
                .contains("arn:aws:s3:::acme-cost-reports/*");
    }

    @Test
    void partsCanBeLeftOut() {
        ResourceGraph g = graph("edp", EventDrivenPatternArgs.builder()
                .environment("dev")
                .workflow(WorkflowArgs.builder().enabled(false).build())
                .audit(AuditArgs.builder().enabled(false).build())
                .curIngest(CurIngestArgs.builder().enabled(false).build())
                .consumers(ConsumerArgs.builder().name("approval-processor").enabled(false).build())
                .build());
        assertThat(g.ofType("aws:sfn/stateMachine:StateMachine")).isEmpty();
        assertThat(g.ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")).isEmpty();
        assertThat(g.ofType("aws:s3/bucketV2:BucketV2")).isEmpty();
        assertThat(g.ofType("aws:lambda/function:Function")).hasSize(3);
        assertThat(g.ofType("aws:cloudwatch/eventRule:EventRule")).hasSize(3);
    }

    @Test
    void producerAccountsMayPutEventsAndNobodyElse() {
        ResourceGraph g = graph("edp", EventDrivenPatternArgs.builder()
                .environment("dev")
                .bus(BusArgs.builder().producerAccountIds(List.of("111122223333", "444455556666")).build())
                .build());
        JsonNode statement = json(g.ofType("aws:cloudwatch/eventBusPolicy:EventBusPolicy").get(0), "policy")
                .get("Statement").get(0);
        assertThat(statement.get("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(statement.at("/Principal/AWS").toString())
                .isEqualTo("[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::444455556666:root\"]");
        assertThat(graph("edp", EventDrivenPatternArgs.builder().environment("dev").build())
                .ofType("aws:cloudwatch/eventBusPolicy:EventBusPolicy")).isEmpty();
    }

    @Test
    void aKeyEncryptedBusSendsUndecryptableEventsToTheEventsDlq() {
        ResourceGraph g = graph("edp", EventDrivenPatternArgs.builder()
                .environment("prod")
                .bus(BusArgs.builder().encryptWithPatternKey(true).schemaDiscovery(false).build())
                .table(StateTableArgs.builder().streamEnabled(true).build())
                .subscriptions(SubscriptionArgs.builder().topic("alarms").protocol("email")
                        .endpoint("oncall@example.com").build())
                .build());
        GraphResource bus = g.ofType("aws:cloudwatch/eventBus:EventBus").get(0);
        assertThat(bus.string("kmsKeyIdentifier")).startsWith("arn:aws:kms:");
        assertThat(bus.propertyDependencies().get("deadLetterConfig"))
                .containsExactly(g.named("edp-events-dlq").urn());
        assertThat(g.ofType("aws:schemas/discoverer:Discoverer")).isEmpty();
        assertThat(g.ofType("aws:dynamodb/table:Table").get(0).input("streamViewType")).isEqualTo("NEW_AND_OLD_IMAGES");
        GraphResource subscription = g.ofType("aws:sns/topicSubscription:TopicSubscription").get(0);
        assertThat(subscription.propertyDependencies().get("topic")).containsExactly(g.named("edp-alarms").urn());
    }

    @Test
    void anInvalidConfigRegistersNothing() {
        MockedProgram.Run run = run("edp", EventDrivenPatternArgs.builder().environment("qa").build());
        assertThat(run.failure()).hasRootCauseInstanceOf(InvalidConfigException.class)
                .hasStackTraceContaining("environment: must be one of dev, staging, prod");
        assertThat(run.graph().resources()).extracting(GraphResource::type).containsOnly("pulumi:pulumi:Stack");
    }
}
