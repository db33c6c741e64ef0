package dev.edp.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.pattern.inputs.AccessLogArgs;
import dev.edp.pattern.inputs.AuditArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.CurIngestArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.testing.GraphResource;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: what mocks and moto accepted but a real AWS account would not (each test fails on the code before the
 * fix). The AWS rule each one rests on is cited in the class that encodes it.
 */
class RealAwsRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String QUEUE = "aws:sqs/queue:Queue";

    private static ResourceGraph graph(String stack, EventDrivenPatternArgs args) {
        MockedProgram.Run run = MockedProgram.of("shop", stack, Map.of("aws:region", "eu-west-1"))
                .run(ctx -> new EventDrivenPattern("edp", args));
        assertThat(run.failure()).as("program failure").isNull();
        return run.graph();
    }

    private static ResourceGraph graph(EventDrivenPatternArgs args) {
        return graph("test", args);
    }

    private static JsonNode json(GraphResource r, String input) {
        try {
            return JSON.readTree(r.string(input));
        } catch (Exception e) {
            throw new AssertionError(r.name() + "." + input, e);
        }
    }

    private static List<JsonNode> statements(GraphResource r, String input) {
        JsonNode s = json(r, input).get("Statement");
        return s.isArray() ? StreamSupport.stream(s.spliterator(), false).toList() : List.of(s);
    }

    private static JsonNode statement(GraphResource r, String input, String sid) {
        return statements(r, input).stream().filter(s -> sid.equals(s.path("Sid").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(r.name() + " has no statement " + sid + ": " + r.string(input)));
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode()) {
            out.add(node.asText());
        }
        return out;
    }

    /** The mock's ARN (or name) of the resource with this logical name: auto-named, logical name + 7 hex digits. */
    private static String ref(String prefix, String logicalName) {
        return java.util.regex.Pattern.quote(prefix) + java.util.regex.Pattern.quote(logicalName)
                + "-[0-9a-f]{7}(\\.fifo)?";
    }

    private static final String ACCOUNT = ":us-east-1:123456789012:";

    private static EventDrivenPatternArgs.Builder prod() {
        return EventDrivenPatternArgs.builder().environment("prod");
    }

    // 1. The workflow's trigger role (and every other caller of the state machine) may use its key.
    @Test
    void whoeverStartsOrCompletesTheWorkflowMayUseTheStateMachinesKeyForThatStateMachineOnly() {
        ResourceGraph g = graph(prod().build());
        String machine = ref("arn:aws:states" + ACCOUNT + "stateMachine:", "edp-workflow");
        @SuppressWarnings("unchecked")
        String keyArn = (String) ((Map<String, Object>) g.ofType("aws:sfn/stateMachine:StateMachine").get(0)
                .input("encryptionConfiguration")).get("kmsKeyId");
        assertThat(keyArn).startsWith("arn:aws:kms:");
        for (var policy : Map.of("edp-workflow-trigger-policy", "EncryptWorkflowInput",
                "edp-approval-processor-policy", "EncryptWorkflowTaskResults").entrySet()) {
            JsonNode s = statement(g.named(policy.getKey()), "policy", policy.getValue());
            assertThat(texts(s.get("Action"))).containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
            assertThat(texts(s.get("Resource"))).containsExactly(keyArn);
            assertThat(texts(s.at("/Condition/StringEquals/kms:EncryptionContext:aws:states:stateMachineArn")))
                    .singleElement().asString().matches(machine);
        }
        assertThat(texts(statement(g.named("edp-workflow-trigger-policy"), "policy", "StartWorkflow")
                .get("Action"))).containsExactly("states:StartExecution");
        // SendTask* have no resource-level permissions: only "*" matches (the task token names the task).
        JsonNode callback = statement(g.named("edp-approval-processor-policy"), "policy", "CompleteWorkflowTasks");
        assertThat(texts(callback.get("Resource"))).containsExactly("*");
    }

    // 2. CloudWatch Logs' delivery service may decrypt with the key (encrypted, logging state machine).
    @Test
    void theKeyPolicyLetsLogDeliveryDecryptForThisAccount() {
        ResourceGraph g = graph(prod().build());
        JsonNode s = statement(g.named("edp-key"), "policy", "LogDeliveryDecryptsForThisAccount");
        assertThat(s.at("/Principal/Service").asText()).isEqualTo("delivery.logs.amazonaws.com");
        assertThat(texts(s.get("Action"))).containsExactly("kms:Decrypt");
        assertThat(s.at("/Condition/StringEquals/aws:SourceAccount").asText()).isEqualTo("123456789012");
        assertThat(g.ofType("aws:sfn/stateMachine:StateMachine").get(0).input("loggingConfiguration")).isNotNull();
    }

    // 3. The workflow invokes each task through its `live` alias where there is one.
    @Test
    void workflowTasksInvokeTheLiveAliasWhereSnapStartOrProvisionedConcurrencyNeedsOne() {
        for (String env : List.of("staging", "prod")) {
            ResourceGraph g = graph(EventDrivenPatternArgs.builder().environment(env).build());
            JsonNode definition = json(g.ofType("aws:sfn/stateMachine:StateMachine").get(0), "definition");
            List<String> invoked = definition.findValuesAsText("FunctionName");
            assertThat(invoked).hasSizeGreaterThanOrEqualTo(4).allSatisfy(arn -> assertThat(arn)
                    .matches("arn:aws:lambda:us-east-1:123456789012:function:edp-wf-[a-z-]+-fn-[0-9a-f]{7}:live"));
            assertThat(java.util.Set.copyOf(invoked)).hasSize(4);
            assertThat(g.ofType("aws:lambda/alias:Alias")).filteredOn(a -> a.name().startsWith("edp-wf-")).hasSize(4)
                    .allSatisfy(a -> assertThat(a.input("name")).isEqualTo("live"));
        }
        // dev publishes no versions: the unqualified function is what runs.
        JsonNode dev = json(graph(EventDrivenPatternArgs.builder().environment("dev").build())
                .ofType("aws:sfn/stateMachine:StateMachine").get(0), "definition");
        assertThat(dev.findValuesAsText("FunctionName")).noneMatch(arn -> arn.endsWith(":live"));
    }

    // 4. FIFO consumers: a standard queue for EventBridge's dead letters, a FIFO one for redrive, content-based
    //    deduplication, a message group from the event.
    @Test
    void aFifoConsumerDeadLettersUndeliverableEventsToAStandardQueueAndGroupsByAPathIntoTheEvent() {
        ResourceGraph g = graph(EventDrivenPatternArgs.builder().environment("dev").includeSeedConsumers(false)
                .curIngest(CurIngestArgs.builder().enabled(false).build())
                .consumers(ConsumerArgs.builder().name("ledger").fifo(true).messageGroupId("$.detail.order_id")
                        .eventPattern("{\"source\":[\"ledger\"]}").handler("com.acme.Ledger::handle").build())
                .build());
        GraphResource queue = g.named("edp-ledger-queue");
        GraphResource dlq = g.named("edp-ledger-dlq");
        GraphResource deliveryDlq = g.named("edp-ledger-delivery-dlq");
        assertThat(queue.input("fifoQueue")).isEqualTo(true);
        assertThat(queue.input("contentBasedDeduplication")).isEqualTo(true);
        assertThat(dlq.input("fifoQueue")).isEqualTo(true);
        assertThat(json(queue, "redrivePolicy").get("deadLetterTargetArn").asText())
                .matches(ref("arn:aws:sqs" + ACCOUNT, "edp-ledger-dlq")).endsWith(".fifo");
        assertThat(deliveryDlq.input("fifoQueue")).isNull();

        GraphResource target = g.named("edp-ledger-target");
        @SuppressWarnings("unchecked")
        Map<String, Object> deadLetter = (Map<String, Object>) target.input("deadLetterConfig");
        assertThat((String) deadLetter.get("arn")).matches(ref("arn:aws:sqs" + ACCOUNT, "edp-ledger-delivery-dlq"))
                .doesNotEndWith(".fifo");
        assertThat(target.propertyDependencies().get("deadLetterConfig")).containsExactly(deliveryDlq.urn());
        @SuppressWarnings("unchecked")
        Map<String, Object> sqsTarget = (Map<String, Object>) target.input("sqsTarget");
        assertThat(sqsTarget).containsEntry("messageGroupId", "$.detail.order_id");

        // The delivery DLQ admits the consumer's rule; the FIFO DLQ only takes redrives.
        assertThat(texts(statement(g.named("edp-ledger-delivery-dlq-policy"), "policy", "EventBridgeRulesSend")
                .at("/Condition/ArnEquals/aws:SourceArn"))).anySatisfy(arn -> assertThat(arn)
                .matches("arn:aws:events:us-east-1:123456789012:rule/edp-bus-[0-9a-f]{7}/edp-ledger-rule-[0-9a-f]{7}"));
        assertThat(g.named("edp-ledger-dlq-policy").string("policy")).doesNotContain("events.amazonaws.com");
        // Both are watched.
        assertThat(g.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).extracting(GraphResource::name)
                .contains("edp-alarm-ledger-dlq-messages", "edp-alarm-ledger-delivery-dlq-messages");
    }

    // 5. Two stacks of one environment in one account do not collide.
    @Test
    void physicalNamesTheStackSetsAreUniquePerStack() {
        EventDrivenPatternArgs args = EventDrivenPatternArgs.builder().environment("dev")
                .consumers(ConsumerArgs.builder().name("ledger").fifo(true).messageGroupId("$.detail.id")
                        .eventPattern("{\"source\":[\"ledger\"]}").handler("com.acme.Ledger::handle").build())
                .build();
        ResourceGraph alice = graph("dev-alice", args);
        ResourceGraph bob = graph("dev-bob", args);
        // Alarms and FIFO queues are left to Pulumi's auto-naming (a random suffix per stack); pulumi-aws adds
        // ".fifo" to a FIFO queue's auto-name.
        assertThat(alice.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).isNotEmpty()
                .allSatisfy(a -> assertThat(a.input("name")).as(a.name()).isNull());
        assertThat(alice.ofType(QUEUE)).allSatisfy(q -> assertThat(q.input("name")).as(q.name()).isNull());
        assertThat(alice.named("edp-ledger-queue").input("fifoQueue")).isEqualTo(true);
        // Names Pulumi cannot generate carry the project and stack.
        assertThat(alice.ofType("aws:cloudwatch/dashboard:Dashboard").get(0).string("dashboardName"))
                .isEqualTo("shop-dev-alice-edp-dashboard");
        for (String type : List.of("aws:cloudwatch/dashboard:Dashboard", "aws:xray/resourcePolicy:ResourcePolicy")) {
            String input = type.contains("dashboard") ? "dashboardName" : "policyName";
            assertThat(alice.ofType(type).get(0).string(input)).isNotEqualTo(bob.ofType(type).get(0).string(input));
        }
    }

    @Test
    void aLongStackNameIsCutToTheServicesLimitAndStaysUnique() {
        String stack = "a-very-long-stack-name-".repeat(12);
        ResourceGraph g = graph(stack, EventDrivenPatternArgs.builder().environment("dev").build());
        String policyName = g.ofType("aws:xray/resourcePolicy:ResourcePolicy").get(0).string("policyName");
        assertThat(policyName).hasSizeLessThanOrEqualTo(128).matches("[A-Za-z0-9_-]+");
        assertThat(g.ofType("aws:cloudwatch/dashboard:Dashboard").get(0).string("dashboardName"))
                .hasSizeLessThanOrEqualTo(255);
    }

    // 6. SNS subscriptions of protocol lambda and sqs are delivered.
    @Test
    void lambdaAndSqsSubscriptionsAreAdmittedByTheFunctionAndTheQueue() {
        ResourceGraph g = graph(prod()
                .subscriptions(
                        SubscriptionArgs.builder().topic("notifications").protocol("lambda")
                                .endpoint("arn:aws:lambda:us-east-1:123456789012:function:pager").build(),
                        SubscriptionArgs.builder().topic("alarms").protocol("lambda")
                                .endpoint("consumer:notification-processor").build(),
                        SubscriptionArgs.builder().topic("notifications").protocol("sqs")
                                .endpoint("consumer:order-processor").rawMessageDelivery(true).build())
                .build());
        String notifications = ref("arn:aws:sns" + ACCOUNT, "edp-notifications");
        String alarms = ref("arn:aws:sns" + ACCOUNT, "edp-alarms");

        GraphResource external = g.named("edp-notifications-subscription-0-permission");
        assertThat(external.input("action")).isEqualTo("lambda:InvokeFunction");
        assertThat(external.input("principal")).isEqualTo("sns.amazonaws.com");
        assertThat(external.input("function")).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:pager");
        assertThat(external.string("sourceArn")).matches(notifications);

        GraphResource own = g.named("edp-alarms-subscription-1-permission");
        String liveAlias = "arn:aws:lambda" + ACCOUNT + "function:" + "edp-notification-processor-fn-[0-9a-f]{7}:live";
        assertThat(own.string("function")).matches(liveAlias);
        assertThat(own.string("sourceArn")).matches(alarms);
        assertThat(g.named("edp-alarms-subscription-1").string("endpoint")).matches(liveAlias);

        GraphResource toQueue = g.named("edp-notifications-subscription-2");
        assertThat(toQueue.string("endpoint")).matches(ref("arn:aws:sqs" + ACCOUNT, "edp-order-processor-queue"));
        JsonNode send = statement(g.named("edp-order-processor-queue-policy"), "policy", "PatternTopicsSend");
        assertThat(send.at("/Principal/Service").asText()).isEqualTo("sns.amazonaws.com");
        assertThat(texts(send.at("/Condition/ArnEquals/aws:SourceArn"))).singleElement().asString()
                .matches(notifications);
        assertThat(toQueue.dependencies()).contains(g.named("edp-order-processor-queue-policy").urn());
        // The queue is SSE-KMS with the pattern key; SNS may use the key for this account's resources.
        JsonNode keyGrant = statement(g.named("edp-key"), "policy", "SnsUsesKeyForThisAccount");
        assertThat(texts(keyGrant.get("Action"))).contains("kms:GenerateDataKey", "kms:Decrypt");
        // Other consumers' queues admit no topic.
        assertThat(g.named("edp-inventory-processor-queue-policy").string("policy")).doesNotContain("sns.amazonaws.com");
    }

    // 7. A bus encrypted with the pattern key.
    @Test
    void aKeyEncryptedBusMayDescribeTheKeyAndSendToItsDeadLetterQueue() {
        ResourceGraph g = graph(prod().bus(BusArgs.builder().encryptWithPatternKey(true).schemaDiscovery(false).build())
                .build());
        JsonNode describe = statement(g.named("edp-key"), "policy", "EventsDescribesKeyOfEncryptedBus");
        assertThat(describe.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(texts(describe.get("Action"))).containsExactly("kms:DescribeKey");
        String busArn = ref("arn:aws:events" + ACCOUNT + "event-bus/", "edp-bus");
        assertThat(texts(statement(g.named("edp-events-dlq-policy"), "policy", "EventBridgeRulesSend")
                .at("/Condition/ArnEquals/aws:SourceArn"))).anySatisfy(arn -> assertThat(arn).matches(busArn));

        // Without the bus key, neither.
        ResourceGraph plain = graph(prod().build());
        assertThat(plain.named("edp-key").string("policy")).doesNotContain("kms:DescribeKey");
        assertThat(texts(statement(plain.named("edp-events-dlq-policy"), "policy", "EventBridgeRulesSend")
                .at("/Condition/ArnEquals/aws:SourceArn"))).noneSatisfy(arn -> assertThat(arn).matches(busArn));
    }

    // 8. SNS active tracing has the X-Ray resource policy it needs.
    @Test
    void snsMayWriteTraceSegmentsOfThisStacksTopicsOnly() {
        ResourceGraph g = graph(prod().build());
        assertThat(g.ofType("aws:sns/topic:Topic")).allSatisfy(t -> assertThat(t.input("tracingConfig"))
                .isEqualTo("Active"));
        GraphResource policy = g.ofType("aws:xray/resourcePolicy:ResourcePolicy").get(0);
        JsonNode s = statement(policy, "policyDocument", "SnsWritesTracesOfThisStacksTopics");
        assertThat(s.at("/Principal/Service").asText()).isEqualTo("sns.amazonaws.com");
        assertThat(texts(s.get("Action"))).contains("xray:PutTraceSegments");
        assertThat(s.at("/Condition/StringEquals/aws:SourceAccount").asText()).isEqualTo("123456789012");
        assertThat(texts(s.at("/Condition/ArnLike/aws:SourceArn"))).hasSize(2)
                .anySatisfy(a -> assertThat(a).matches(ref("arn:aws:sns" + ACCOUNT, "edp-notifications")))
                .anySatisfy(a -> assertThat(a).matches(ref("arn:aws:sns" + ACCOUNT, "edp-alarms")));
    }

    // 10. S3 server access logging of the pattern's buckets, to one log bucket.
    @Test
    void everyBucketOfThePatternLogsRequestsToOneLogBucketThatTheLoggingServiceMayWriteFromThemOnly() {
        ResourceGraph g = graph(prod().build());
        List<String> sources = List.of("edp-cur-ingest-bucket", "edp-cur-curated-bucket", "edp-audit-bucket");
        for (String source : sources) {
            String purpose = source.substring("edp-".length());
            GraphResource logging = g.named("edp-" + purpose + "-access-logging");
            assertThat(logging.string("bucket")).matches(ref("", source));
            assertThat(logging.string("targetBucket")).matches(ref("", "edp-access-logs"));
            assertThat(logging.input("targetPrefix")).isEqualTo(purpose + "/");
        }
        // The log bucket does not log itself.
        assertThat(g.ofType("aws:s3/bucketLoggingV2:BucketLoggingV2")).hasSize(3)
                .noneSatisfy(l -> assertThat(l.string("bucket")).matches(ref("", "edp-access-logs")));

        JsonNode write = statement(g.named("edp-access-logs-policy"), "policy", "S3LogsRequestsOfThePatternsBuckets");
        assertThat(write.at("/Principal/Service").asText()).isEqualTo("logging.s3.amazonaws.com");
        assertThat(texts(write.get("Action"))).containsExactly("s3:PutObject");
        List<String> sourceArns = texts(write.at("/Condition/ArnLike/aws:SourceArn"));
        assertThat(sourceArns).hasSize(3);
        sources.forEach(source -> assertThat(sourceArns).anySatisfy(a -> assertThat(a).matches(ref("arn:aws:s3:::",
                source))));
        assertThat(write.at("/Condition/StringEquals/aws:SourceAccount").asText()).isEqualTo("123456789012");
        assertThat(g.named("edp-access-logs-policy").string("policy")).contains("aws:SecureTransport");
        // SSE-KMS with the pattern key, which the logging service may use; public access blocked, ACLs off, lifecycle.
        assertThat(g.named("edp-access-logs-sse").input("rules").toString()).contains("aws:kms");
        assertThat(g.named("edp-access-logs-sse").propertyDependencies().get("rules"))
                .containsExactly(g.named("edp-key").urn());
        JsonNode keyGrant = statement(g.named("edp-key"), "policy", "S3LoggingEncryptsAccessLogsForThisAccount");
        assertThat(keyGrant.at("/Principal/Service").asText()).isEqualTo("logging.s3.amazonaws.com");
        assertThat(texts(keyGrant.get("Action"))).containsExactly("kms:GenerateDataKey");
        assertThat(g.named("edp-access-logs-public-access-block").input("restrictPublicBuckets")).isEqualTo(true);
        assertThat(g.named("edp-access-logs-ownership").input("rule").toString()).contains("BucketOwnerEnforced");
        assertThat(g.named("edp-access-logs-lifecycle").input("rules").toString()).contains("days=365");
        assertThat(g.named("edp-access-logs-versioning").input("versioningConfiguration").toString())
                .contains("Enabled");

        ResourceGraph off = graph(prod().accessLogs(AccessLogArgs.builder().enabled(false).build()).build());
        assertThat(off.ofType("aws:s3/bucketLoggingV2:BucketLoggingV2")).isEmpty();
        assertThat(off.named("edp-key").string("policy")).doesNotContain("logging.s3.amazonaws.com");
        ResourceGraph noBuckets = graph(prod().audit(AuditArgs.builder().enabled(false).build())
                .curIngest(CurIngestArgs.builder().enabled(false).build()).build());
        assertThat(noBuckets.ofType("aws:s3/bucketV2:BucketV2")).isEmpty();
    }

    // 11. The dashboard's table metrics exist with the dimensions given; cur-ingest's own p99 threshold.
    @Test
    void dashboardTableMetricsUseDimensionsDynamoDbPublishes() {
        ResourceGraph g = graph(prod().build());
        String body = g.ofType("aws:cloudwatch/dashboard:Dashboard").get(0).string("dashboardBody");
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<JsonNode> dynamo = new ArrayList<>();
        root.get("widgets").forEach(w -> w.at("/properties/metrics").forEach(m -> {
            if (m.get(0).isTextual() && m.get(0).asText().equals("AWS/DynamoDB")) {
                dynamo.add(m);
            }
        }));
        assertThat(dynamo).extracting(m -> m.get(1).asText())
                .containsExactlyInAnyOrder("ReadThrottleEvents", "WriteThrottleEvents");
        assertThat(dynamo).allSatisfy(m -> assertThat(m.get(2).asText()).isEqualTo("TableName"));
        // ThrottledRequests and SystemErrors exist only per (TableName, Operation): never with TableName alone.
        assertThat(body).doesNotContain("\"ThrottledRequests\"").contains(
                "SEARCH('{AWS/DynamoDB,Operation,TableName} MetricName=\\\"SystemErrors\\\"");
    }

    @Test
    void curIngestHasItsOwnP99DurationThreshold() {
        ResourceGraph g = graph(prod().build());
        assertThat(g.named("edp-alarm-cur-ingest-duration-p99").input("threshold")).isEqualTo(300_000L);
        assertThat(g.named("edp-alarm-order-processor-duration-p99").input("threshold")).isEqualTo(10_000L);
        ResourceGraph own = graph(prod().consumers(ConsumerArgs.builder().name("order-processor")
                .durationAlarmP99Ms(2_000.0).build()).build());
        assertThat(own.named("edp-alarm-order-processor-duration-p99").input("threshold")).isEqualTo(2_000L);
    }
}
