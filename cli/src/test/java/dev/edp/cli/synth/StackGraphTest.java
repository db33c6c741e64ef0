package dev.edp.cli.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.pattern.consumers.ReplayRoute;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.edp.cli.synth.Stacks.dependency;
import static dev.edp.cli.synth.Stacks.graph;
import static dev.edp.cli.synth.Stacks.json;
import static dev.edp.cli.synth.Stacks.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three stacks (Pulumi.dev.yaml, Pulumi.staging.yaml, Pulumi.prod.yaml) run through the real stack program
 * under Pulumi's mock engine: what they create, and every property that matters.
 */
class StackGraphTest {

    static final String QUEUE = "aws:sqs/queue:Queue";
    static final String KEY = "aws:kms/key:Key";
    static final String FUNCTION = "aws:lambda/function:Function";
    static final String MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
    static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    static final String BUS = "aws:cloudwatch/eventBus:EventBus";

    /**
     * 5 consumers (4 seed domain consumers + cur-ingest), each: rule, target, queue + DLQ (+ their policies and
     * the DLQ's redrive-allow policy), function + role + policy + log group, mapping. 4 workflow task functions.
     * Alarms: 8 rules x 1 + 9 functions x 3 + 5 queues x 2 + 6 DLQs x 1 + workflow x 2 = 53.
     */
    static Map<String, Integer> expectedCounts(String stack) {
        Map<String, Integer> counts = new TreeMap<>(Map.ofEntries(
                Map.entry("pulumi:pulumi:Stack", 1),
                Map.entry("edp:index:EventDrivenPattern", 1),
                Map.entry(KEY, 1), Map.entry("aws:kms/alias:Alias", 1),
                Map.entry(BUS, 1), Map.entry("aws:cloudwatch/eventArchive:EventArchive", 1),
                Map.entry("aws:schemas/registry:Registry", 1), Map.entry("aws:schemas/discoverer:Discoverer", 1),
                Map.entry("aws:schemas/schema:Schema", 8),
                Map.entry(RULE, 8), Map.entry(TARGET, 8),
                Map.entry(QUEUE, 11), Map.entry("aws:sqs/queuePolicy:QueuePolicy", 11),
                Map.entry("aws:sqs/redriveAllowPolicy:RedriveAllowPolicy", 5),
                Map.entry(FUNCTION, 9), Map.entry(MAPPING, 5), Map.entry(LOG_GROUP, 11),
                Map.entry("aws:cloudwatch/logStream:LogStream", 1),
                Map.entry("aws:iam/role:Role", 14), Map.entry("aws:iam/rolePolicy:RolePolicy", 14),
                Map.entry("aws:dynamodb/table:Table", 1),
                Map.entry("aws:sns/topic:Topic", 2), Map.entry("aws:sns/topicPolicy:TopicPolicy", 2),
                Map.entry("aws:sfn/stateMachine:StateMachine", 1),
                Map.entry("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", 1),
                // The ingest, curated and audit buckets, and the access-log bucket they log requests to.
                Map.entry("aws:s3/bucketV2:BucketV2", 4),
                Map.entry("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", 4),
                Map.entry("aws:s3/bucketVersioningV2:BucketVersioningV2", 4),
                Map.entry("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", 4),
                Map.entry("aws:s3/bucketPolicy:BucketPolicy", 4),
                Map.entry("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", 4),
                Map.entry("aws:s3/bucketLoggingV2:BucketLoggingV2", 3),
                Map.entry("aws:s3/bucketOwnershipControls:BucketOwnershipControls", 1),
                Map.entry("aws:xray/resourcePolicy:ResourcePolicy", 1),
                Map.entry("aws:s3/bucketNotification:BucketNotification", 1),
                Map.entry(ALARM, 53),
                Map.entry("aws:cloudwatch/dashboard:Dashboard", 1)));
        switch (stack) {
            case "staging" -> counts.put("aws:lambda/alias:Alias", 9); // SnapStart runs published versions
            case "prod" -> {
                counts.put("aws:lambda/alias:Alias", 9);
                counts.put("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig", 9);
            }
            default -> {
            }
        }
        return counts;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void createsExactlyTheExpectedResources(String stack) {
        assertThat(graph(stack).countByType()).isEqualTo(expectedCounts(stack));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyResourceIsAChildOfTheComponentAndNamedByIt(String stack) {
        ResourceGraph g = graph(stack);
        GraphResource component = g.ofType("edp:index:EventDrivenPattern").get(0);
        assertThat(component.name()).isEqualTo("edp");
        for (GraphResource r : g.resources()) {
            if (r.type().startsWith("aws:")) {
                assertThat(r.parent()).as(r.name()).isEqualTo(component.urn());
                assertThat(r.name()).as(r.type()).startsWith("edp-");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everythingThatCanBeEncryptedUsesThePatternKey(String stack) {
        ResourceGraph g = graph(stack);
        GraphResource key = g.ofType(KEY).get(0);
        Map<String, String> encryptedBy = Map.of(
                QUEUE, "kmsMasterKeyId",
                "aws:sns/topic:Topic", "kmsMasterKeyId",
                "aws:dynamodb/table:Table", "serverSideEncryption",
                LOG_GROUP, "kmsKeyId",
                FUNCTION, "kmsKeyArn",
                "aws:sfn/stateMachine:StateMachine", "encryptionConfiguration",
                "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "serverSideEncryption",
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "rules");
        encryptedBy.forEach((type, input) -> {
            assertThat(g.ofType(type)).as(type).isNotEmpty();
            for (GraphResource r : g.ofType(type)) {
                assertThat(dependency(g, r, input, KEY)).as(r.name() + "." + input).isEqualTo(key);
            }
        });
        for (GraphResource sse : g.ofType(
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")) {
            JsonNode rule = tree(sse, "rules").get(0).get("applyServerSideEncryptionByDefault");
            assertThat(rule.get("sseAlgorithm").asText()).isEqualTo("aws:kms");
        }
        for (GraphResource table : g.ofType("aws:dynamodb/table:Table")) {
            assertThat(tree(table, "serverSideEncryption").get("enabled").asBoolean()).isTrue();
        }
        GraphResource firehose = g.ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").get(0);
        assertThat(tree(firehose, "serverSideEncryption").get("keyType").asText()).isEqualTo("CUSTOMER_MANAGED_CMK");
        assertThat(tree(firehose, "extendedS3Configuration").get("kmsKeyArn").asText())
                .startsWith("arn:aws:kms:");
        assertThat(key.input("enableKeyRotation")).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void keyPolicyGrantsExactlyTheServicesThatUseTheKey(String stack) {
        GraphResource key = graph(stack).ofType(KEY).get(0);
        JsonNode statements = json(key, "policy").get("Statement");
        Map<String, JsonNode> byPrincipal = new HashMap<>();
        statements.forEach(s -> {
            JsonNode principal = s.get("Principal");
            String who = principal.has("Service") ? principal.get("Service").asText() : principal.get("AWS").asText();
            byPrincipal.put(who, s);
        });
        assertThat(byPrincipal.keySet()).containsExactlyInAnyOrder("arn:aws:iam::123456789012:root",
                "logs.us-east-1.amazonaws.com", "events.amazonaws.com", "sqs.amazonaws.com", "sns.amazonaws.com",
                "states.amazonaws.com", "firehose.amazonaws.com", "cloudwatch.amazonaws.com",
                "delivery.logs.amazonaws.com", "logging.s3.amazonaws.com");
        byPrincipal.forEach((who, s) -> {
            if (who.endsWith(":root")) {
                assertThat(s.get("Action").asText()).isEqualTo("kms:*");
            } else if (who.startsWith("logs.")) {
                assertThat(s.at("/Condition/ArnLike/kms:EncryptionContext:aws:logs:arn").asText())
                        .isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:*");
            } else {
                assertThat(s.at("/Condition/StringEquals/aws:SourceAccount").asText()).as(who).isEqualTo("123456789012");
                assertThat(s.get("Action").toString()).doesNotContain("*");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void everyConsumerQueueRedrivesToItsDlqAfterThreeReceives(String stack) {
        ResourceGraph g = graph(stack);
        List<GraphResource> mappings = g.ofType(MAPPING);
        assertThat(mappings).hasSize(5);
        for (GraphResource mapping : mappings) {
            GraphResource queue = dependency(g, mapping, "eventSourceArn", QUEUE);
            GraphResource dlq = dependency(g, queue, "redrivePolicy", QUEUE);
            JsonNode redrive = json(queue, "redrivePolicy");
            assertThat(redrive.get("maxReceiveCount").asInt()).as(queue.name()).isEqualTo(3);
            assertThat(redrive.get("deadLetterTargetArn").asText()).endsWith(":" + dlq.name() + "-"
                    + redrive.get("deadLetterTargetArn").asText().replaceAll(".*-", ""));
            assertThat(dlq.name()).isEqualTo(queue.name().replace("-queue", "-dlq"));
            assertThat(dlq.input("messageRetentionSeconds")).isEqualTo(1_209_600L);
            assertThat(dlq.input("redrivePolicy")).isNull();
            GraphResource allow = g.find(r -> r.type().equals("aws:sqs/redriveAllowPolicy:RedriveAllowPolicy")
                    && r.propertyDependencies().getOrDefault("queueUrl", List.of()).contains(dlq.urn())).orElseThrow();
            JsonNode allowPolicy = json(allow, "redriveAllowPolicy");
            assertThat(allowPolicy.get("redrivePermission").asText()).isEqualTo("byQueue");
            assertThat(allow.propertyDependencies().get("redriveAllowPolicy")).containsExactly(queue.urn());
            assertThat(mapping.input("functionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void visibilityTimeoutIsAtLeastSixTimesTheFunctionTimeout(String stack) {
        ResourceGraph g = graph(stack);
        for (GraphResource mapping : g.ofType(MAPPING)) {
            GraphResource queue = dependency(g, mapping, "eventSourceArn", QUEUE);
            GraphResource function = mappedFunction(g, mapping);
            long visibility = (Long) queue.input("visibilityTimeoutSeconds");
            long timeout = (Long) function.input("timeout");
            assertThat(visibility).as(queue.name()).isGreaterThanOrEqualTo(6 * timeout).isEqualTo(6 * timeout);
        }
        GraphResource cur = g.named("edp-cur-ingest-fn");
        assertThat(cur.input("timeout")).isEqualTo(900L);
        assertThat(cur.input("memorySize")).isEqualTo(1769L);
        assertThat(g.named("edp-cur-ingest-queue").input("visibilityTimeoutSeconds")).isEqualTo(5400L);
        assertThat(g.named("edp-cur-ingest-mapping").input("batchSize")).isEqualTo(1L);
        JsonNode curEnv = tree(cur, "environment").get("variables");
        assertThat(curEnv.get("EDP_ANOMALY_FACTOR").asText()).isEqualTo("3");
        assertThat(curEnv.get("JAVA_TOOL_OPTIONS").asText()).contains("-XX:TieredStopAtLevel=4");
        assertThat(curEnv.get("EDP_ANOMALY_WINDOW_DAYS").asText()).isEqualTo("7");
        assertThat(curEnv.get("EDP_CURATED_BUCKET").asText()).startsWith("edp-cur-curated-bucket-");
    }

    static GraphResource mappedFunction(ResourceGraph g, GraphResource mapping) {
        List<String> urns = mapping.propertyDependencies().get("functionName");
        GraphResource target = g.resources().stream().filter(r -> urns.contains(r.urn())).findFirst().orElseThrow();
        return target.type().equals(FUNCTION) ? target : dependency(g, target, "functionName", FUNCTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void functionsRunJava21WithTracingJsonLogsAndTheirOwnLogGroup(String stack) {
        ResourceGraph g = graph(stack);
        int retention = Map.of("dev", 7, "staging", 14, "prod", 90).get(stack);
        int memory = Map.of("dev", 512, "staging", 1024, "prod", 2048).get(stack);
        for (GraphResource fn : g.ofType(FUNCTION)) {
            int expectedMemory = fn.name().equals("edp-cur-ingest-fn") ? 1769 : memory;
            assertThat(fn.input("runtime")).isEqualTo("java21");
            assertThat(tree(fn, "tracingConfig").get("mode").asText()).isEqualTo("Active");
            JsonNode logging = tree(fn, "loggingConfig");
            assertThat(logging.get("logFormat").asText()).isEqualTo("JSON");
            GraphResource logGroup = dependency(g, fn, "loggingConfig", LOG_GROUP);
            assertThat(logGroup.input("retentionInDays")).isEqualTo((long) retention);
            assertThat(logGroup.input("namePrefix").toString()).startsWith("/edp/edp/" + stack + "/");
            assertThat(tree(fn, "code").get("path").asText()).isEqualTo("runtime/target/edp-runtime-lambda.jar");
            assertThat(((Number) fn.input("memorySize")).intValue()).as(fn.name()).isEqualTo(expectedMemory);
            JsonNode env = tree(fn, "environment").get("variables");
            assertThat(env.get("EDP_ENVIRONMENT").asText()).isEqualTo(stack);
            assertThat(env.has("EDP_TABLE_NAME") && env.has("EDP_NOTIFICATIONS_TOPIC_ARN")
                    && env.has("EDP_EVENT_BUS_NAME")).isTrue();
            if (!fn.name().startsWith("edp-wf-")) {
                assertThat(env.get("EDP_MAX_RECEIVE_COUNT").asText()).as(fn.name()).isEqualTo("3");
            }
        }
        assertThat(g.ofType(LOG_GROUP)).allSatisfy(lg ->
                assertThat(lg.input("retentionInDays")).isEqualTo((long) retention));
    }

    @Test
    void prodRunsProvisionedConcurrencyBehindTheLiveAliasAndStagingSnapStart() {
        ResourceGraph prod = graph("prod");
        for (GraphResource mapping : prod.ofType(MAPPING)) {
            GraphResource alias = dependency(prod, mapping, "functionName", "aws:lambda/alias:Alias");
            assertThat(alias.input("name")).isEqualTo("live");
        }
        assertThat(prod.ofType("aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig"))
                .allSatisfy(p -> assertThat(p.input("provisionedConcurrentExecutions")).isEqualTo(2L));
        assertThat(prod.ofType(FUNCTION)).allSatisfy(fn -> assertThat(fn.input("snapStart")).isNull());
        assertThat(graph("staging").ofType(FUNCTION)).allSatisfy(fn -> {
            assertThat(tree(fn, "snapStart").get("applyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(fn.input("publish")).isEqualTo(true);
        });
        assertThat(graph("dev").ofType(FUNCTION)).allSatisfy(fn -> assertThat(fn.input("publish")).isEqualTo(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void retentionFollowsTheEnvironment(String stack) {
        ResourceGraph g = graph(stack);
        assertThat(g.ofType("aws:cloudwatch/eventArchive:EventArchive").get(0).input("retentionDays"))
                .isEqualTo((long) Map.of("dev", 7, "staging", 30, "prod", 365).get(stack));
        long queueRetention = Map.of("dev", 345_600L, "staging", 345_600L, "prod", 604_800L).get(stack);
        for (GraphResource mapping : g.ofType(MAPPING)) {
            assertThat(dependency(g, mapping, "eventSourceArn", QUEUE).input("messageRetentionSeconds"))
                    .isEqualTo(queueRetention);
        }
        GraphResource table = g.ofType("aws:dynamodb/table:Table").get(0);
        assertThat(table.input("deletionProtectionEnabled")).isEqualTo(stack.equals("prod"));
        assertThat(tree(table, "pointInTimeRecovery").get("enabled").asBoolean()).isTrue();
        assertThat(tree(table, "ttl").get("attributeName").asText()).isEqualTo("expiresAt");
        assertThat(table.input("billingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.input("hashKey")).isEqualTo("pk");
        assertThat(table.input("rangeKey")).isEqualTo("sk");
        GraphResource workflow = g.ofType("aws:sfn/stateMachine:StateMachine").get(0);
        assertThat(tree(workflow, "loggingConfiguration").get("level").asText())
                .isEqualTo(stack.equals("prod") ? "ERROR" : "ALL");
        assertThat(tree(workflow, "tracingConfiguration").get("enabled").asBoolean()).isTrue();
    }

    /** Seed 004's alarm table, plus age of oldest message and throttles. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void alarmsAreSeed004sTable(String stack) {
        ResourceGraph g = graph(stack);
        record Expect(String namespace, String metric, String comparison, double threshold, int count) {
        }
        List<Expect> table = List.of(
                new Expect("AWS/Events", "FailedInvocations", "GreaterThanThreshold", 10, 8),
                new Expect("AWS/Lambda", "Errors", "GreaterThanThreshold", 10, 9),
                new Expect("AWS/Lambda", "Duration", "GreaterThanThreshold", 10_000, 8),
                new Expect("AWS/Lambda", "Throttles", "GreaterThanThreshold", 0, 9),
                new Expect("AWS/SQS", "ApproximateAgeOfOldestMessage", "GreaterThanThreshold", 900, 5),
                new Expect("AWS/States", "ExecutionsFailed", "GreaterThanOrEqualToThreshold", 1, 1),
                new Expect("AWS/States", "ExecutionThrottled", "GreaterThanThreshold", 5, 1));
        GraphResource alarmsTopic = g.named("edp-alarms");
        for (Expect e : table) {
            List<GraphResource> alarms = g.ofType(ALARM).stream()
                    .filter(a -> e.metric().equals(a.input("metricName")))
                    // cur-ingest's p99 duration alarm has its own threshold, checked below.
                    .filter(a -> !a.name().equals("edp-alarm-cur-ingest-duration-p99")).toList();
            assertThat(alarms).as(e.metric()).hasSize(e.count()).allSatisfy(a -> {
                assertThat(a.input("namespace")).isEqualTo(e.namespace());
                assertThat(a.input("comparisonOperator")).isEqualTo(e.comparison());
                assertThat(((Number) a.input("threshold")).doubleValue()).isEqualTo(e.threshold());
                assertThat(a.input("period")).isEqualTo(300L);
                assertThat(a.propertyDependencies().get("alarmActions")).containsExactly(alarmsTopic.urn());
                assertThat(a.propertyDependencies().get("okActions")).containsExactly(alarmsTopic.urn());
            });
        }
        assertThat(g.ofType(ALARM).stream().filter(a -> "Duration".equals(a.input("metricName"))))
                .allSatisfy(a -> assertThat(a.input("extendedStatistic")).isEqualTo("p99"));
        // cur-ingest runs up to 15 minutes: its own p99 threshold (the ninth Duration alarm).
        assertThat(((Number) g.named("edp-alarm-cur-ingest-duration-p99").input("threshold")).doubleValue())
                .isEqualTo(300_000.0);
        List<GraphResource> depth = g.ofType(ALARM).stream()
                .filter(a -> "ApproximateNumberOfMessagesVisible".equals(a.input("metricName"))).toList();
        assertThat(depth.stream().filter(a -> a.name().endsWith("-queue-depth")))
                .hasSize(5).allSatisfy(a -> {
                    assertThat(((Number) a.input("threshold")).doubleValue()).isEqualTo(10_000.0);
                    assertThat(a.input("comparisonOperator")).isEqualTo("GreaterThanThreshold");
                });
        assertThat(depth.stream().filter(a -> a.name().endsWith("-dlq-messages")))
                .hasSize(6).allSatisfy(a -> {
                    assertThat(((Number) a.input("threshold")).doubleValue()).isEqualTo(1.0);
                    assertThat(a.input("period")).isEqualTo(60L);
                    assertThat(a.input("comparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
                });
        GraphResource dashboard = g.ofType("aws:cloudwatch/dashboard:Dashboard").get(0);
        String body = dashboard.string("dashboardBody");
        for (String metric : List.of("FailedInvocations", "MatchedEvents", "Errors", "Duration",
                "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage", "ExecutionsFailed",
                "ExecutionThrottled")) {
            assertThat(body).contains("\"" + metric + "\"");
        }
    }

    /** Actions AWS offers no resource-level scope for; they may (only) go with Resource "*". */
    static final Set<String> UNSCOPABLE = Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat",
            "xray:GetSamplingRules", "xray:GetSamplingTargets", "logs:CreateLogDelivery", "logs:GetLogDelivery",
            "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies", "logs:DescribeLogGroups");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void iamDocumentsAllowNoWildcardActionsAndWildcardResourcesOnlyWhereAwsHasNoScope(String stack) {
        ResourceGraph g = graph(stack);
        int documents = 0;
        for (GraphResource policy : g.ofType("aws:iam/rolePolicy:RolePolicy")) {
            documents++;
            for (JsonNode s : json(policy, "policy").get("Statement")) {
                assertThat(s.get("Effect").asText()).isEqualTo("Allow");
                List<String> actions = strings(s.get("Action"));
                assertThat(actions).as(policy.name()).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
                if (strings(s.get("Resource")).contains("*")) {
                    assertThat(UNSCOPABLE).as(policy.name() + " " + actions).containsAll(actions);
                }
            }
        }
        for (GraphResource role : g.ofType("aws:iam/role:Role")) {
            documents++;
            JsonNode trust = json(role, "assumeRolePolicy").get("Statement");
            assertThat(trust).hasSize(1);
            assertThat(strings(trust.get(0).get("Action"))).containsExactly("sts:AssumeRole");
            assertThat(trust.get(0).at("/Principal/Service").asText()).endsWith(".amazonaws.com");
        }
        for (String type : List.of("aws:sqs/queuePolicy:QueuePolicy", "aws:sns/topicPolicy:TopicPolicy",
                "aws:s3/bucketPolicy:BucketPolicy")) {
            for (GraphResource policy : g.ofType(type)) {
                documents++;
                JsonNode statements = json(policy, "policy").get("Statement");
                boolean denyWithoutTls = false;
                for (JsonNode s : statements) {
                    if (s.get("Effect").asText().equals("Allow")) {
                        assertThat(strings(s.get("Action"))).noneMatch(a -> a.equals("*") || a.endsWith(":*"));
                        assertThat(strings(s.get("Resource"))).doesNotContain("*");
                    } else {
                        denyWithoutTls |= s.at("/Condition/Bool/aws:SecureTransport").asText().equals("false");
                    }
                }
                assertThat(denyWithoutTls).as(policy.name() + " denies requests without TLS").isTrue();
            }
        }
        // 14 role policies + 14 trust policies + 11 queue policies + 2 topic policies + 4 bucket policies.
        assertThat(documents).isEqualTo(45);
    }

    /** What each handler really calls (runtime/README.md) is what its role allows, and nothing more. */
    @Test
    void seedFunctionsHaveExactlyTheAccessTheirHandlersUse() {
        ResourceGraph g = graph("dev");
        Set<String> base = Set.of("WriteOwnLogs", "SendTraces", "DecryptEnvironmentAndMessages");
        Set<String> consumer = Set.of("ConsumeOwnQueue");
        Set<String> tableAndNotify = Set.of("ReadTable", "WriteTable", "PublishNotifications", "EncryptWithPatternKey");
        Map<String, Set<String>> expected = Map.of(
                "edp-order-processor-policy", union(base, consumer, tableAndNotify),
                "edp-inventory-processor-policy", union(base, consumer, tableAndNotify),
                "edp-notification-processor-policy", union(base, consumer, tableAndNotify),
                "edp-approval-processor-policy", union(base, consumer, tableAndNotify,
                        Set.of("CompleteWorkflowTasks", "EncryptWorkflowTaskResults")),
                "edp-cur-ingest-policy", union(base, consumer, tableAndNotify,
                        Set.of("ReadIngestedFiles", "WriteCuratedFiles")),
                "edp-wf-validate-policy", base,
                "edp-wf-process-order-policy", union(base, Set.of("ReadTable", "WriteTable", "EncryptWithPatternKey")),
                "edp-wf-reserve-inventory-policy", union(base, Set.of("ReadTable", "WriteTable", "EncryptWithPatternKey")),
                // HandleError reads the order's lines and its reservations to release them (the saga's compensation).
                "edp-wf-handle-error-policy", union(base, tableAndNotify));
        expected.forEach((policy, sids) -> assertThat(json(g.named(policy), "policy").findValuesAsText("Sid"))
                .as(policy).containsExactlyInAnyOrderElementsOf(sids));
    }

    /**
     * Pulumi.encrypted-fifo.yaml: the options the three stacks leave off, together (issue 11): a key-encrypted
     * bus, a FIFO consumer grouped per order, lambda and sqs subscriptions.
     */
    @Test
    void theEncryptedFifoStackWiresEachServiceEdgeAwsChecks() {
        ResourceGraph g = graph("encrypted-fifo");
        GraphResource bus = g.ofType(BUS).get(0);
        assertThat(dependency(g, bus, "kmsKeyIdentifier", KEY)).isEqualTo(g.ofType(KEY).get(0));
        assertThat(g.ofType("aws:schemas/discoverer:Discoverer")).isEmpty();
        JsonNode keyPolicy = json(g.ofType(KEY).get(0), "policy");
        assertThat(keyPolicy.findValuesAsText("Sid")).contains("EventsDescribesKeyOfEncryptedBus");
        assertThat(g.named("edp-events-dlq-policy").propertyDependencies().get("policy")).contains(bus.urn());

        // The FIFO consumer: FIFO queue and redrive DLQ, a standard queue for EventBridge's dead letters.
        GraphResource queue = g.named("edp-order-processor-queue");
        assertThat(queue.input("fifoQueue")).isEqualTo(true);
        assertThat(queue.input("contentBasedDeduplication")).isEqualTo(true);
        assertThat(dependency(g, queue, "redrivePolicy", QUEUE).input("fifoQueue")).isEqualTo(true);
        GraphResource target = g.named("edp-order-processor-target");
        GraphResource deliveryDlq = dependency(g, target, "deadLetterConfig", QUEUE);
        assertThat(deliveryDlq.name()).isEqualTo("edp-order-processor-delivery-dlq");
        assertThat(deliveryDlq.input("fifoQueue")).isNull();
        assertThat(tree(target, "sqsTarget").get("messageGroupId").asText()).isEqualTo("$.detail.order_id");

        // lambda: a permission for SNS scoped to the topic; sqs to a consumer: its queue policy admits the topic.
        GraphResource permission = g.named("edp-alarms-subscription-0-permission");
        assertThat(permission.input("principal")).isEqualTo("sns.amazonaws.com");
        assertThat(permission.propertyDependencies().get("sourceArn")).containsExactly(g.named("edp-alarms").urn());
        GraphResource inboxPolicy = g.named("edp-notification-inbox-queue-policy");
        assertThat(json(inboxPolicy, "policy").findValuesAsText("Sid")).contains("PatternTopicsSend");
        assertThat(inboxPolicy.propertyDependencies().get("policy")).contains(g.named("edp-notifications").urn());
        GraphResource toInbox = g.named("edp-notifications-subscription-1");
        assertThat(toInbox.propertyDependencies().get("endpoint"))
                .containsExactly(g.named("edp-notification-inbox-queue").urn());
        // A queue outside the stack: subscribed, its policy left to its owner.
        assertThat(g.named("edp-notifications-subscription-2").input("endpoint"))
                .isEqualTo("arn:aws:sqs:us-east-1:123456789012:ops-notifications");
        assertThat(g.ofType("aws:sqs/queuePolicy:QueuePolicy")).noneMatch(p -> p.string("policy")
                .contains("ops-notifications"));
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> all = new java.util.HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void eachConsumerQueueAcceptsOnlyItsOwnRule(String stack) {
        ResourceGraph g = graph(stack);
        for (GraphResource target : g.ofType(TARGET)) {
            GraphResource rule = dependency(g, target, "rule", RULE);
            List<String> to = target.propertyDependencies().get("arn");
            g.ofType(QUEUE).stream().filter(q -> to.contains(q.urn())).forEach(queue -> {
                GraphResource policy = g.find(p -> p.type().equals("aws:sqs/queuePolicy:QueuePolicy")
                        && p.propertyDependencies().get("queueUrl").contains(queue.urn())).orElseThrow();
                assertThat(policy.propertyDependencies().get("policy")).contains(rule.urn());
                JsonNode allow = json(policy, "policy").get("Statement").get(0);
                assertThat(allow.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
                // The consumer's rule and its replay rule (./edp replay --pattern), nothing else.
                List<String> senders = strings(allow.at("/Condition/ArnEquals/aws:SourceArn"));
                assertThat(senders).hasSize(2)
                        .allSatisfy(arn -> assertThat(arn).startsWith("arn:aws:events:us-east-1:123456789012:rule/"));
                assertThat(senders.get(1)).isEqualTo(ReplayRoute.ruleArn(senders.get(0)));
            });
            JsonNode retry = tree(target, "retryPolicy");
            assertThat(retry.get("maximumRetryAttempts").asInt()).isEqualTo(8);
            assertThat(tree(target, "deadLetterConfig").get("arn").asText()).startsWith("arn:aws:sqs:");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void s3UploadsAreForwardedFromTheDefaultBusToTheCustomBus(String stack) {
        ResourceGraph g = graph(stack);
        GraphResource bucket = g.named("edp-cur-ingest-bucket");
        GraphResource notification = g.ofType("aws:s3/bucketNotification:BucketNotification").get(0);
        assertThat(notification.input("eventbridge")).isEqualTo(true);
        assertThat(notification.propertyDependencies().get("bucket")).containsExactly(bucket.urn());

        GraphResource forward = g.named("edp-cur-forward-rule");
        assertThat(forward.input("eventBusName")).isEqualTo("default");
        JsonNode pattern = json(forward, "eventPattern");
        assertThat(pattern.at("/source/0").asText()).isEqualTo("aws.s3");
        assertThat(pattern.at("/detail-type/0").asText()).isEqualTo("Object Created");
        assertThat(forward.propertyDependencies().get("eventPattern")).containsExactly(bucket.urn());

        GraphResource target = g.named("edp-cur-forward-target");
        assertThat(target.input("eventBusName")).isEqualTo("default");
        GraphResource bus = dependency(g, target, "arn", BUS);
        GraphResource role = dependency(g, target, "roleArn", "aws:iam/role:Role");
        GraphResource rolePolicy = g.find(p -> p.type().equals("aws:iam/rolePolicy:RolePolicy")
                && p.propertyDependencies().get("role").contains(role.urn())).orElseThrow();
        JsonNode statement = json(rolePolicy, "policy").get("Statement").get(0);
        assertThat(strings(statement.get("Action"))).containsExactly("events:PutEvents");
        assertThat(rolePolicy.propertyDependencies().get("policy")).containsExactly(bus.urn());

        GraphResource curRule = g.named("edp-cur-ingest-rule");
        assertThat(curRule.propertyDependencies().get("eventBusName")).containsExactly(bus.urn());
        assertThat(json(curRule, "eventPattern")).isEqualTo(pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void auditTrailIsEncryptedPartitionedAndPrivate(String stack) {
        ResourceGraph g = graph(stack);
        GraphResource stream = g.ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").get(0);
        JsonNode s3 = tree(stream, "extendedS3Configuration");
        assertThat(s3.get("compressionFormat").asText()).isEqualTo("GZIP");
        assertThat(s3.get("prefix").asText()).contains("year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}");
        assertThat(s3.get("errorOutputPrefix").asText()).startsWith("errors/");
        GraphResource bucket = dependency(g, stream, "extendedS3Configuration", "aws:s3/bucketV2:BucketV2");
        assertThat(bucket.name()).isEqualTo("edp-audit-bucket");
        GraphResource block = g.find(b -> b.type().equals("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
                && b.propertyDependencies().get("bucket").contains(bucket.urn())).orElseThrow();
        for (String flag : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertThat(block.input(flag)).as(flag).isEqualTo(true);
        }
        GraphResource versioning = g.find(b -> b.type().equals("aws:s3/bucketVersioningV2:BucketVersioningV2")
                && b.propertyDependencies().get("bucket").contains(bucket.urn())).orElseThrow();
        assertThat(tree(versioning, "versioningConfiguration").get("status").asText()).isEqualTo("Enabled");
        GraphResource lifecycle = g.find(b -> b.type().equals(
                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
                && b.propertyDependencies().get("bucket").contains(bucket.urn())).orElseThrow();
        JsonNode tiers = tree(lifecycle, "rules").get(1).get("transitions");
        assertThat(tiers.get(0).get("storageClass").asText()).isEqualTo("STANDARD_IA");
        assertThat(tiers.get(1).get("storageClass").asText()).isEqualTo("GLACIER");
        GraphResource audit = g.named("edp-audit-rule");
        assertThat(json(audit, "eventPattern").toString()).isEqualTo("{\"source\":[{\"prefix\":\"\"}]}");
        assertThat(dependency(g, g.named("edp-audit-target"), "arn",
                "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")).isEqualTo(stream);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theStackExportsWhatOperatorsNeed(String stack) {
        var run = Stacks.synth(stack).run();
        assertThat(run.exports().keySet()).containsExactlyInAnyOrder("busName", "busArn", "archiveName", "queueUrls",
                "deadLetterQueueUrls", "logGroupNames", "eventsDeadLetterQueueUrl", "tableName",
                "notificationsTopicArn", "alarmsTopicArn", "stateMachineArn", "ingestBucketName", "curatedBucketName",
                "auditBucketName", "keyArn", "dashboardName");
        @SuppressWarnings("unchecked")
        Map<String, String> queues = (Map<String, String>) run.export("queueUrls");
        assertThat(queues.keySet()).containsExactly("order-processor", "inventory-processor", "notification-processor",
                "approval-processor", "cur-ingest");
        assertThat(queues.values()).allSatisfy(url -> assertThat(url).startsWith("https://sqs.us-east-1.amazonaws.com/"));
        @SuppressWarnings("unchecked")
        Map<String, String> logGroups = (Map<String, String>) run.export("logGroupNames");
        assertThat(logGroups.keySet()).containsExactlyElementsOf(queues.keySet());
        assertThat(logGroups.get("cur-ingest")).startsWith("/edp/edp/" + stack + "/cur-ingest-");
        assertThat((String) run.export("stateMachineArn")).startsWith("arn:aws:states:");
        assertThat((String) run.export("keyArn")).startsWith("arn:aws:kms:");
    }

    static List<String> strings(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isArray()) {
            List<String> out = new java.util.ArrayList<>();
            node.forEach(n -> out.add(n.asText()));
            return out;
        }
        return List.of(node.asText());
    }
}
