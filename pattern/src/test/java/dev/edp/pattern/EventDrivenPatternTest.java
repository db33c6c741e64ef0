package dev.edp.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.asset.FileArchive;
import com.pulumi.aws.cloudwatch.EventBus;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.s3.BucketV2;
import dev.edp.pattern.config.InvalidConfigException;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.AuditArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FileSourceArgs;
import dev.edp.pattern.inputs.SchemaArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.pattern.inputs.TableArgs;
import dev.edp.pattern.inputs.TableIndexArgs;
import dev.edp.pattern.inputs.TableKeyArgs;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.edp.pattern.Programs.graph;
import static dev.edp.pattern.Programs.java;
import static dev.edp.pattern.Programs.json;
import static dev.edp.pattern.Programs.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The component imported into a user's own program, with the configurations users reach for. */
class EventDrivenPatternTest {

    @Test
    void onlyAnEnvironmentMakesTheBarePattern() {
        ResourceGraph g = graph("hub", EventDrivenPatternArgs.builder().environment("prod").build());
        Map<String, Integer> counts = g.countByType();
        for (String type : List.of("aws:kms/key:Key", "aws:kms/alias:Alias", "aws:cloudwatch/eventBus:EventBus",
                "aws:cloudwatch/eventArchive:EventArchive", "aws:schemas/registry:Registry",
                "aws:schemas/discoverer:Discoverer", "aws:dynamodb/table:Table",
                "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "aws:cloudwatch/dashboard:Dashboard")) {
            assertThat(counts).as(type).containsEntry(type, 1);
        }
        assertThat(counts).containsEntry("aws:sns/topic:Topic", 2);
        assertThat(counts).doesNotContainKeys("aws:lambda/function:Function", "aws:sfn/stateMachine:StateMachine",
                "aws:schemas/schema:Schema", "aws:lambda/eventSourceMapping:EventSourceMapping");
        // The audit rule and the events DLQ are watched; the table too (dashboard).
        assertThat(g.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).extracting(GraphResource::name)
                .containsExactlyInAnyOrder("hub-alarm-audit-failed-invocations", "hub-alarm-events-dlq-messages");
        assertThat(g.named("hub-dashboard").string("dashboardBody")).doesNotContain("AWS/Lambda")
                .contains("FailedInvocations");
    }

    @Test
    void everyPartCanBeTurnedOff() {
        ResourceGraph g = graph("hub", EventDrivenPatternArgs.builder()
                .environment("dev")
                .bus(BusArgs.builder().archive(false).schemaRegistry(false).build())
                .table(TableArgs.builder().enabled(false).build())
                .audit(AuditArgs.builder().enabled(false).build())
                .alarms(AlarmArgs.builder().enabled(false).build())
                .build());
        assertThat(g.countByType()).doesNotContainKeys("aws:cloudwatch/eventArchive:EventArchive",
                "aws:schemas/registry:Registry", "aws:schemas/discoverer:Discoverer", "aws:dynamodb/table:Table",
                "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "aws:cloudwatch/dashboard:Dashboard",
                "aws:cloudwatch/metricAlarm:MetricAlarm");
        assertThat(g.countByType()).containsEntry("aws:cloudwatch/eventBus:EventBus", 1);
    }

    @Test
    void anExistingKeyBusAndBucketFromTheSameProgramAreUsedNotCreated() {
        ResourceGraph g = graph(ctx -> {
            Key key = new Key("platform-key", KeyArgs.builder().description("the platform's key").build());
            EventBus bus = new EventBus("platform-bus");
            BucketV2 landing = new BucketV2("landing");
            new EventDrivenPattern("shop", EventDrivenPatternArgs.builder()
                    .environment("staging")
                    .key(dev.edp.pattern.inputs.KeyArgs.builder().existingKeyArn(key.arn()).build())
                    .bus(BusArgs.builder().existingBusName(bus.name()).build())
                    .table(TableArgs.builder().existingTableName("orders-table").build())
                    .fileSources(FileSourceArgs.builder().name("landing").existingBucketName(landing.bucket())
                            .prefix("incoming/").build())
                    .consumers(ConsumerArgs.builder().name("files").fileSource("landing")
                            .function(java("com.acme.Files::handle"))
                            .grants("bucket:landing:read", "table:write").build())
                    .build(), null);
        });
        GraphResource key = g.named("platform-key");
        GraphResource bus = g.named("platform-bus");
        GraphResource landing = g.named("landing");
        assertThat(g.ofType("aws:kms/key:Key")).containsExactly(key);
        assertThat(g.ofType("aws:cloudwatch/eventBus:EventBus")).containsExactly(bus);
        assertThat(g.ofType("aws:s3/bucketV2:BucketV2")).extracting(GraphResource::name)
                .containsExactlyInAnyOrder("landing", "shop-audit-bucket", "shop-access-logs");
        assertThat(g.ofType("aws:dynamodb/table:Table")).isEmpty();
        assertThat(g.ofType("aws:s3/bucketNotification:BucketNotification")).isEmpty();
        assertThat(g.named("shop-files-queue").propertyDependencies().get("kmsMasterKeyId")).containsExactly(key.urn());
        assertThat(g.named("shop-files-rule").propertyDependencies().get("eventBusName")).containsExactly(bus.urn());
        assertThat(g.named("shop-archive").propertyDependencies().get("eventSourceArn")).containsExactly(bus.urn());
        GraphResource forward = g.named("shop-landing-forward-rule");
        assertThat(forward.input("eventBusName")).isEqualTo("default");
        assertThat(forward.propertyDependencies().get("eventPattern")).containsExactly(landing.urn());
        assertThat(json(forward, "eventPattern").at("/detail/object/key/0/prefix").asText()).isEqualTo("incoming/");
        assertThat(json(g.named("shop-files-rule"), "eventPattern")).isEqualTo(json(forward, "eventPattern"));
        JsonNode policy = json(g.named("shop-files-policy"), "policy");
        assertThat(policy.toString()).contains("arn:aws:dynamodb:us-east-1:123456789012:table/orders-table");
        assertThat(policy.findValuesAsText("Sid")).contains("ReadLanding", "WriteTable");
    }

    @Test
    void aUserConsumerGetsTheWholeChainAndOnlyTheAccessItsGrantsName() {
        ResourceGraph g = graph("shop", EventDrivenPatternArgs.builder()
                .environment("staging")
                .consumers(ConsumerArgs.builder()
                        .name("billing")
                        .eventPattern("{\"source\":[\"billing\"],\"detail-type\":[\"Invoice Issued\"]}")
                        .function(java("com.acme.billing.InvoiceHandler::handleRequest"))
                        .grants("table:write", "bus:putEvents")
                        .environment(Map.of("ACME_CURRENCY", "EUR", "ACME_TABLE", "${edp:tableName}"))
                        .build())
                .build());
        assertThat(g.ofType("aws:lambda/eventSourceMapping:EventSourceMapping")).hasSize(1);
        GraphResource fn = g.named("shop-billing-fn");
        assertThat(fn.input("handler")).isEqualTo("com.acme.billing.InvoiceHandler::handleRequest");
        assertThat(fn.input("runtime")).isEqualTo("java21");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) fn.input("environment")).get("variables");
        assertThat(variables).containsEntry("ACME_CURRENCY", "EUR").containsEntry("EDP_CONSUMER", "billing")
                .containsEntry("EDP_ENVIRONMENT", "staging").containsEntry("EDP_MAX_RECEIVE_COUNT", "3");
        assertThat(variables.get("ACME_TABLE")).isEqualTo(variables.get("EDP_TABLE_NAME"));
        assertThat(g.named("shop-billing-rule").string("eventPattern")).contains("Invoice Issued");

        JsonNode statements = json(g.named("shop-billing-policy"), "policy").get("Statement");
        List<String> sids = statements.findValuesAsText("Sid");
        assertThat(sids).containsExactlyInAnyOrder("WriteOwnLogs", "SendTraces", "DecryptEnvironmentAndMessages",
                "ConsumeOwnQueue", "WriteTable", "PutEventsOnBus", "EncryptWithPatternKey");
        assertThat(statements.toString()).doesNotContain("sns:Publish").doesNotContain("dynamodb:GetItem");
        assertThat(g.named("shop-billing-queue").string("kmsMasterKeyId")).startsWith("arn:aws:kms:us-east-1:");
    }

    @Test
    void aFifoConsumerGetsFifoQueuesAndAMessageGroup() {
        ResourceGraph g = graph("shop", EventDrivenPatternArgs.builder()
                .environment("dev")
                .consumers(ConsumerArgs.builder().name("ledger").fifo(true).messageGroupId("accounts")
                        .eventPattern("{\"source\":[\"ledger\"]}").function(java("com.acme.Ledger::handle")).build())
                .build());
        assertThat(g.named("shop-ledger-queue").input("fifoQueue")).isEqualTo(true);
        // Auto-named (unique per stack); pulumi-aws adds the ".fifo" suffix SQS requires.
        assertThat(g.named("shop-ledger-queue").input("name")).isNull();
        assertThat(g.named("shop-ledger-dlq").input("fifoQueue")).isEqualTo(true);
        assertThat(g.named("shop-ledger-queue").string("redrivePolicy")).contains("shop-ledger-dlq-").contains(".fifo");
        // EventBridge's dead letters go to a standard queue: a target's DLQ may not be FIFO.
        assertThat(g.named("shop-ledger-target").propertyDependencies().get("deadLetterConfig"))
                .containsExactly(g.named("shop-ledger-delivery-dlq").urn());
        assertThat(g.named("shop-ledger-delivery-dlq").input("fifoQueue")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> sqsTarget = (Map<String, Object>) g.named("shop-ledger-target").input("sqsTarget");
        assertThat(sqsTarget).containsEntry("messageGroupId", "accounts");
        assertThat(g.named("shop-ledger-mapping").input("maximumBatchingWindowInSeconds")).isNull();
    }

    @Test
    void aFifoConsumersDeliveryDlqIsAmongTheDeadLetterQueuesDlqToolsRead() {
        var run = run(ctx -> {
            var edp = new EventDrivenPattern("shop", EventDrivenPatternArgs.builder()
                    .environment("dev")
                    .consumers(ConsumerArgs.builder().name("ledger").fifo(true).messageGroupId("accounts")
                                    .eventPattern("{\"source\":[\"ledger\"]}").function(java("com.acme.Ledger::handle")).build(),
                            ConsumerArgs.builder().name("billing").eventPattern("{\"source\":[\"billing\"]}")
                                    .function(java("com.acme.Billing::handle")).build())
                    .build(), null);
            ctx.export("deadLetterQueueUrls", edp.deadLetterQueueUrls());
        });
        assertThat(run.failure()).as("program failure").isNull();
        @SuppressWarnings("unchecked")
        Map<String, String> urls = (Map<String, String>) run.export("deadLetterQueueUrls");
        // ./edp dlq lists every entry: the FIFO redrive DLQ, and the standard one EventBridge's undeliverable events go to.
        assertThat(urls.keySet()).containsExactly("ledger", "ledger" + EventDrivenPattern.DELIVERY_DLQ_SUFFIX, "billing");
        assertThat(urls.get("ledger-delivery")).isNotEqualTo(urls.get("ledger")).doesNotEndWith(".fifo");
    }

    @Test
    void aTableOfItsOwnShapeWithIndexes() {
        ResourceGraph g = graph("shop", EventDrivenPatternArgs.builder()
                .environment("dev")
                .table(TableArgs.builder()
                        .partitionKey(TableKeyArgs.string("id"))
                        .sortKey(TableKeyArgs.builder().name("version").type("N").build())
                        .globalSecondaryIndexes(TableIndexArgs.builder().name("by-customer")
                                .partitionKey(TableKeyArgs.string("customer")).sortKey(TableKeyArgs.string("id"))
                                .build())
                        .build())
                .build());
        GraphResource table = g.ofType("aws:dynamodb/table:Table").get(0);
        assertThat(table.input("hashKey")).isEqualTo("id");
        assertThat(table.input("rangeKey")).isEqualTo("version");
        assertThat(Programs.tree(table, "attributes").toString())
                .isEqualTo("[{\"name\":\"id\",\"type\":\"S\"},{\"name\":\"version\",\"type\":\"N\"},"
                        + "{\"name\":\"customer\",\"type\":\"S\"}]");
        JsonNode index = Programs.tree(table, "globalSecondaryIndexes").get(0);
        assertThat(index.get("name").asText()).isEqualTo("by-customer");
        assertThat(index.get("hashKey").asText()).isEqualTo("customer");
        assertThat(index.get("projectionType").asText()).isEqualTo("ALL");
    }

    @Test
    void theUsersOwnSchemasAreRegisteredAndNoOthers() {
        ResourceGraph g = graph("shop", EventDrivenPatternArgs.builder()
                .environment("dev")
                .bus(BusArgs.builder().schemas(SchemaArgs.builder().name("shop@InvoiceIssued")
                        .content("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\"}")
                        .build()).build())
                .build());
        GraphResource schema = g.ofType("aws:schemas/schema:Schema").get(0);
        assertThat(g.ofType("aws:schemas/schema:Schema")).hasSize(1);
        assertThat(schema.input("name")).isEqualTo("shop@InvoiceIssued");
        assertThat(schema.input("type")).isEqualTo("JSONSchemaDraft4");
        assertThat(schema.string("content")).contains("draft-04");
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
        ResourceGraph g = graph(ctx -> {
            var pager = new com.pulumi.aws.sqs.Queue("pager");
            new EventDrivenPattern("edp", EventDrivenPatternArgs.builder()
                    .environment("prod")
                    .bus(BusArgs.builder().encryptWithPatternKey(true).schemaDiscovery(false).build())
                    .table(TableArgs.builder().streamEnabled(true).build())
                    .subscriptions(SubscriptionArgs.builder().topic("alarms").protocol("sqs")
                            .endpoint(pager.arn()).build())
                    .build(), null);
        });
        GraphResource bus = g.ofType("aws:cloudwatch/eventBus:EventBus").get(0);
        assertThat(bus.string("kmsKeyIdentifier")).startsWith("arn:aws:kms:");
        assertThat(bus.propertyDependencies().get("deadLetterConfig"))
                .containsExactly(g.named("edp-events-dlq").urn());
        assertThat(g.ofType("aws:schemas/discoverer:Discoverer")).isEmpty();
        assertThat(g.ofType("aws:dynamodb/table:Table").get(0).input("streamViewType")).isEqualTo("NEW_AND_OLD_IMAGES");
        GraphResource subscription = g.ofType("aws:sns/topicSubscription:TopicSubscription").get(0);
        assertThat(subscription.propertyDependencies().get("topic")).containsExactly(g.named("edp-alarms").urn());
        assertThat(subscription.propertyDependencies().get("endpoint")).containsExactly(g.named("pager").urn());
    }

    @Test
    void anInvalidConfigRegistersNothing() {
        var run = run("edp", EventDrivenPatternArgs.builder().environment("qa").build());
        assertThat(run.failure()).hasRootCauseInstanceOf(InvalidConfigException.class)
                .hasStackTraceContaining("environment: must be one of dev, staging, prod");
        assertThat(run.graph().resources()).extracting(GraphResource::type).containsOnly("pulumi:pulumi:Stack");
    }

    @Test
    void aDirectoryArchiveIsTheFunctionsCode() {
        ResourceGraph g = graph("shop", EventDrivenPatternArgs.builder()
                .environment("dev")
                .consumers(ConsumerArgs.builder().name("py").eventPattern("{\"source\":[\"py\"]}")
                        .function(dev.edp.pattern.inputs.FunctionArgs.builder().code(new FileArchive("src/python"))
                                .runtime("python3.12").handler("app.handler").build())
                        .build())
                .build());
        assertThat(g.named("shop-py-fn").input("code")).isNotNull();
    }
}
