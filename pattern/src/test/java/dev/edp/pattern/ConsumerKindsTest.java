package dev.edp.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.asset.AssetArchive;
import com.pulumi.asset.FileArchive;
import com.pulumi.asset.StringAsset;
import com.pulumi.aws.cloudwatch.EventBus;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sqs.Queue;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.IamStatementArgs;
import dev.edp.pattern.inputs.InputTransformerArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.pattern.inputs.TaskArgs;
import dev.edp.pattern.inputs.WorkflowArgs;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.edp.pattern.Programs.graph;
import static dev.edp.pattern.Programs.java;
import static dev.edp.pattern.Programs.json;
import static dev.edp.pattern.Programs.tree;
import static org.assertj.core.api.Assertions.assertThat;

/** Each consumer kind: what its rule delivers to, its DLQ path, its alarms, its code and runtime. */
class ConsumerKindsTest {

    private static final String PATTERN = "{\"source\":[\"shop\"]}";

    private static EventDrivenPatternArgs.Builder dev() {
        return EventDrivenPatternArgs.builder().environment("dev");
    }

    private static List<String> alarms(ResourceGraph g) {
        return g.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream().map(GraphResource::name).toList();
    }

    @Test
    void aFunctionConsumerIsInvokedAsynchronouslyWithRetriesAndAnOnFailureDlq() {
        ResourceGraph g = graph("shop", dev().consumers(ConsumerArgs.builder().name("direct").kind("function")
                .eventPattern(PATTERN).retryAttempts(1).maxEventAgeSeconds(600)
                .inputPath("$.detail")
                .function(FunctionArgs.builder().code(new FileArchive("js")).runtime("nodejs20.x")
                        .handler("index.handler").build())
                .build()).build());
        assertThat(g.ofType("aws:sqs/queue:Queue")).extracting(GraphResource::name)
                .containsExactlyInAnyOrder("shop-direct-dlq", "shop-events-dlq");
        assertThat(g.ofType("aws:lambda/eventSourceMapping:EventSourceMapping")).isEmpty();
        GraphResource fn = g.named("shop-direct-fn");
        assertThat(fn.input("runtime")).isEqualTo("nodejs20.x");
        assertThat(fn.input("handler")).isEqualTo("index.handler");
        GraphResource config = g.named("shop-direct-async-config");
        assertThat(config.input("maximumRetryAttempts")).isEqualTo(1L);
        assertThat(config.input("maximumEventAgeInSeconds")).isEqualTo(600L);
        assertThat(config.propertyDependencies().get("destinationConfig"))
                .containsExactly(g.named("shop-direct-dlq").urn());
        GraphResource permission = g.named("shop-direct-invoke-permission");
        assertThat(permission.input("principal")).isEqualTo("events.amazonaws.com");
        assertThat(permission.propertyDependencies().get("sourceArn")).containsExactly(g.named("shop-direct-rule").urn());
        GraphResource target = g.named("shop-direct-target");
        assertThat(target.propertyDependencies().get("arn")).containsExactly(fn.urn());
        assertThat(target.propertyDependencies().get("deadLetterConfig")).containsExactly(g.named("shop-direct-dlq").urn());
        assertThat(target.input("inputPath")).isEqualTo("$.detail");
        // Lambda sends failures to the destination with the function's own role.
        JsonNode policy = json(g.named("shop-direct-policy"), "policy");
        assertThat(policy.findValuesAsText("Sid")).contains("SendFailuresToOwnDlq", "EncryptFailuresForOwnDlq");
        JsonNode keyUse = java.util.stream.StreamSupport.stream(policy.path("Statement").spliterator(), false)
                .filter(s -> s.path("Sid").asText().equals("EncryptFailuresForOwnDlq")).findFirst().orElseThrow();
        assertThat(keyUse.path("Action").toString()).contains("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(alarms(g)).contains("shop-alarm-direct-errors", "shop-alarm-direct-dlq-messages",
                "shop-alarm-direct-failed-invocations").doesNotContain("shop-alarm-direct-queue-depth");
        assertThat(g.named("shop-dashboard").string("dashboardBody")).contains("AWS/Lambda");
    }

    @Test
    void aWorkflowConsumerRunsTheUsersDefinitionWithItsTasksFilledIn() {
        String definition = "{\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:${aws:partition}:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":"
                + "\"${task:work}\",\"Payload.$\":\"$\"},\"Next\":\"Tell\"},\"Tell\":{\"Type\":\"Task\",\"Resource\":"
                + "\"arn:aws:states:::sns:publish\",\"Parameters\":{\"TopicArn\":\"${edp:notificationsTopicArn}\","
                + "\"Message.$\":\"$\"},\"End\":true}}}";
        ResourceGraph g = graph("shop", dev().consumers(ConsumerArgs.builder().name("flow").kind("workflow")
                .eventPattern(PATTERN)
                .workflow(WorkflowArgs.builder().definition(definition).type("EXPRESS").grants("notifications:publish")
                        .tasks(TaskArgs.builder().name("work").function(FunctionArgs.builder()
                                .code(new FileArchive("py")).runtime("python3.12").handler("work.handler").build())
                                .grants("table:read").build())
                        .build())
                .alarms(AlarmArgs.builder().workflowFailed(3.0).build())
                .build()).build());
        GraphResource machine = g.named("shop-flow");
        assertThat(machine.input("type")).isEqualTo("EXPRESS");
        JsonNode asl = json(machine, "definition");
        assertThat(asl.at("/States/Work/Parameters/FunctionName").asText())
                .startsWith("arn:aws:lambda:us-east-1:123456789012:function:shop-work-fn");
        assertThat(asl.at("/States/Work/Resource").asText()).isEqualTo("arn:aws:states:::lambda:invoke");
        assertThat(asl.at("/States/Tell/Parameters/TopicArn").asText()).startsWith("arn:aws:sns:");
        assertThat(machine.propertyDependencies().get("definition")).contains(g.named("shop-work-fn").urn());
        assertThat(g.named("shop-work-fn").input("runtime")).isEqualTo("python3.12");
        JsonNode role = json(g.named("shop-flow-policy"), "policy");
        assertThat(role.findValuesAsText("Sid")).contains("InvokeTaskFunctions", "PublishNotifications", "UsePatternKey");
        JsonNode trigger = json(g.named("shop-flow-trigger-policy"), "policy");
        assertThat(trigger.findValuesAsText("Sid")).containsExactly("StartWorkflow", "EncryptWorkflowInput");
        GraphResource target = g.named("shop-flow-target");
        assertThat(target.propertyDependencies().get("arn")).containsExactly(machine.urn());
        assertThat(target.propertyDependencies().get("deadLetterConfig")).containsExactly(g.named("shop-flow-dlq").urn());
        assertThat(g.named("shop-alarm-flow-failed").input("threshold")).isEqualTo(3L);
        assertThat(alarms(g)).contains("shop-alarm-flow-dlq-messages", "shop-alarm-work-errors");
    }

    @Test
    void aWorkflowConsumerMayStartAnExistingStateMachine() {
        ResourceGraph g = graph("shop", dev().consumers(ConsumerArgs.builder().name("legacy").kind("workflow")
                .eventPattern(PATTERN)
                .workflow(WorkflowArgs.builder()
                        .existingStateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:legacy").build())
                .build()).build());
        assertThat(g.ofType("aws:sfn/stateMachine:StateMachine")).isEmpty();
        JsonNode trigger = json(g.named("shop-legacy-trigger-policy"), "policy");
        assertThat(trigger.toString()).contains("stateMachine:legacy");
        assertThat(g.named("shop-legacy-target").input("arn"))
                .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:legacy");
    }

    @Test
    void aTopicConsumerFansOutToItsSubscriptions() {
        ResourceGraph g = graph(ctx -> {
            Queue audit = new Queue("partner-queue");
            new EventDrivenPattern("shop", dev().consumers(ConsumerArgs.builder().name("fanout").kind("topic")
                    .eventPattern(PATTERN)
                    .inputTransformer(InputTransformerArgs.builder().inputPaths(Map.of("id", "$.detail.id"))
                            .inputTemplate("{\"order\": <id>}").build())
                    .subscriptions(SubscriptionArgs.builder().protocol("sqs").endpoint(audit.arn()).build())
                    .build()).build(), null);
        });
        GraphResource topic = g.named("shop-fanout-topic");
        assertThat(topic.input("tracingConfig")).isEqualTo("Active");
        JsonNode policy = json(g.named("shop-fanout-topic-policy"), "policy");
        assertThat(policy.findValuesAsText("Sid")).contains("EventBridgeRulesPublish", "DenyRequestsWithoutTls");
        assertThat(g.named("shop-fanout-topic-policy").propertyDependencies().get("policy"))
                .contains(g.named("shop-fanout-rule").urn());
        GraphResource subscription = g.named("shop-fanout-subscription-0");
        assertThat(subscription.propertyDependencies().get("endpoint")).containsExactly(g.named("partner-queue").urn());
        GraphResource target = g.named("shop-fanout-target");
        assertThat(target.propertyDependencies().get("arn")).containsExactly(topic.urn());
        assertThat(tree(target, "inputTransformer").get("inputTemplate").asText()).isEqualTo("{\"order\": <id>}");
        // The X-Ray policy covers the consumer's topic too.
        assertThat(g.ofType("aws:xray/resourcePolicy:ResourcePolicy").get(0).propertyDependencies()
                .get("policyDocument")).contains(topic.urn());
        assertThat(alarms(g)).contains("shop-alarm-fanout-failed-invocations", "shop-alarm-fanout-dlq-messages");
    }

    @Test
    void aTopicConsumerMayPublishToAnExistingTopic() {
        ResourceGraph g = graph(ctx -> {
            Topic theirs = new Topic("theirs");
            new EventDrivenPattern("shop", dev().consumers(ConsumerArgs.builder().name("out").kind("topic")
                    .eventPattern(PATTERN).topicArn(theirs.arn()).build()).build(), null);
        });
        assertThat(g.ofType("aws:sns/topic:Topic")).extracting(GraphResource::name)
                .containsExactlyInAnyOrder("theirs", "shop-notifications", "shop-alarms");
        assertThat(g.named("shop-out-target").propertyDependencies().get("arn")).containsExactly(g.named("theirs").urn());
    }

    @Test
    void aBusConsumerForwardsToAnotherBusAsARoleAllowedOnlyThat() {
        ResourceGraph g = graph(ctx -> {
            EventBus partner = new EventBus("partner");
            new EventDrivenPattern("shop", dev().consumers(ConsumerArgs.builder().name("relay").kind("bus")
                    .eventPattern(PATTERN).targetBusArn(partner.arn()).build()).build(), null);
        });
        GraphResource target = g.named("shop-relay-target");
        assertThat(target.propertyDependencies().get("arn")).containsExactly(g.named("partner").urn());
        assertThat(target.propertyDependencies().get("roleArn")).containsExactly(g.named("shop-relay-forward-role").urn());
        JsonNode statement = json(g.named("shop-relay-forward-policy"), "policy").get("Statement").get(0);
        assertThat(statement.get("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(g.named("shop-relay-forward-policy").propertyDependencies().get("policy"))
                .containsExactly(g.named("partner").urn());
        assertThat(alarms(g)).contains("shop-alarm-relay-dlq-messages", "shop-alarm-relay-failed-invocations");
    }

    @Test
    void codeInJavaPythonAndNodeArchivesOrInS3() {
        ResourceGraph g = graph("shop", dev().consumers(
                ConsumerArgs.builder().name("java").eventPattern(PATTERN)
                        .function(java("com.acme.Orders::handleRequest")).build(),
                ConsumerArgs.builder().name("python").eventPattern(PATTERN)
                        .function(FunctionArgs.builder().code(new FileArchive("handlers/python.zip"))
                                .runtime("python3.12").handler("app.handler").memoryMb(256)
                                .layers("arn:aws:lambda:us-east-1:123456789012:layer:powertools:3").build()).build(),
                ConsumerArgs.builder().name("node").eventPattern(PATTERN)
                        .function(FunctionArgs.builder().code(new AssetArchive(Map.of("index.js",
                                        new StringAsset("exports.handler = async () => ({batchItemFailures: []});"))))
                                .runtime("nodejs20.x").handler("index.handler").ephemeralStorageMb(1024)
                                .subnetIds("subnet-1", "subnet-2").securityGroupIds("sg-1").build()).build(),
                ConsumerArgs.builder().name("s3code").eventPattern(PATTERN)
                        .function(FunctionArgs.builder().codeS3Bucket("artifacts").codeS3Key("orders/1.2.0.jar")
                                .handler("com.acme.Orders::handleRequest").build()).build()
        ).build());
        assertThat(g.named("shop-java-fn").input("runtime")).isEqualTo("java21");
        assertThat(g.named("shop-java-fn").input("code")).isNotNull();
        GraphResource python = g.named("shop-python-fn");
        assertThat(python.input("runtime")).isEqualTo("python3.12");
        assertThat(python.input("handler")).isEqualTo("app.handler");
        assertThat(python.input("layers")).isEqualTo(List.of("arn:aws:lambda:us-east-1:123456789012:layer:powertools:3"));
        assertThat(python.input("code")).isNotNull();
        GraphResource node = g.named("shop-node-fn");
        assertThat(node.input("runtime")).isEqualTo("nodejs20.x");
        assertThat(tree(node, "ephemeralStorage").get("size").asInt()).isEqualTo(1024);
        assertThat(tree(node, "vpcConfig").get("subnetIds").toString()).isEqualTo("[\"subnet-1\",\"subnet-2\"]");
        assertThat(json(g.named("shop-node-policy"), "policy").findValuesAsText("Sid")).contains("ManageVpcNetworkInterfaces");
        GraphResource s3 = g.named("shop-s3code-fn");
        assertThat(s3.input("s3Bucket")).isEqualTo("artifacts");
        assertThat(s3.input("s3Key")).isEqualTo("orders/1.2.0.jar");
        assertThat(s3.input("code")).isNull();
    }

    @Test
    void extraStatementsNameTheirResourcesAndOwnAlarmThresholdsApply() {
        ResourceGraph g = graph(ctx -> {
            Queue partner = new Queue("partner");
            new EventDrivenPattern("shop", dev().consumers(ConsumerArgs.builder().name("billing").eventPattern(PATTERN)
                    .function(java("com.acme.Billing::handle"))
                    .statements(IamStatementArgs.builder().sid("SendToPartner").actions("sqs:SendMessage")
                            .resources(partner.arn()).build())
                    .alarms(AlarmArgs.builder().lambdaErrors(1.0).queueDepth(50.0).build())
                    .build()).build(), null);
        });
        JsonNode own = json(g.named("shop-billing-policy"), "policy").get("Statement");
        JsonNode send = null;
        for (JsonNode s : own) {
            if ("SendToPartner".equals(s.path("Sid").asText())) {
                send = s;
            }
        }
        assertThat(send).isNotNull();
        assertThat(send.get("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(g.named("shop-billing-policy").propertyDependencies().get("policy")).contains(g.named("partner").urn());
        assertThat(g.named("shop-alarm-billing-errors").input("threshold")).isEqualTo(1L);
        assertThat(g.named("shop-alarm-billing-queue-depth").input("threshold")).isEqualTo(50L);
        assertThat(g.named("shop-alarm-billing-throttles").input("threshold")).isEqualTo(0L);
    }
}
