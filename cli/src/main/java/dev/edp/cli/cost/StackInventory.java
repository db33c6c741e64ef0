package dev.edp.cli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.reference.RuntimeHandlers;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a stack is made of, as far as its bill goes, read from its synthesized graph: each function with its memory,
 * architecture, role and batch size, provisioned concurrency, the queues, alarms, dashboards, keys, the archive's
 * retention, schema discovery, the workflow's states and log level, the audit trail and its lifecycle, and the SNS
 * subscriptions by protocol. Nothing here is assumed: a stack without a workflow has no workflow line.
 */
public record StackInventory(List<Function> functions, List<Queue> queues, int alarms, int dashboards, int kmsKeys,
                             Optional<Integer> archiveRetentionDays, boolean schemaDiscovery, int workflowStates,
                             boolean workflowLogsEveryState, Optional<Audit> audit,
                             Map<String, Integer> notificationSubscriptionsByProtocol) {

    /** Why a function runs, which decides how often. */
    public enum Role {
        /** Fed by a consumer queue (event source mapping) with events from the bus. */
        CONSUMER,
        /** The cost-report consumer: one invocation per report. */
        CUR_INGEST,
        /** A task of the workflow's state machine. */
        WORKFLOW_TASK,
        /** Anything else (no volume drives it). */
        OTHER
    }

    /** One Lambda function. {@code batchSize} is 0 and {@code queue} empty unless a queue feeds it. */
    public record Function(String name, int memoryMb, String architecture, Role role, int batchSize,
                           int provisionedConcurrency, Optional<String> queue) {
    }

    /** One SQS queue; {@code consumerQueue} when a function consumes it. */
    public record Queue(String name, boolean fifo, int kmsDataKeyReuseSeconds, boolean consumerQueue) {
    }

    /** The audit trail: Firehose to S3, objects in S3 Standard for {@code standardDays} (0: no transition). */
    public record Audit(int standardDays, int expireDays) {
    }

    static final String FUNCTION = "aws:lambda/function:Function";
    static final String ALIAS = "aws:lambda/alias:Alias";
    static final String MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
    static final String PROVISIONED = "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig";
    static final String QUEUE = "aws:sqs/queue:Queue";
    static final String STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
    static final String FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
    static final String LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    static final String SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static StackInventory of(ResourceGraph graph) {
        Map<String, GraphResource> byUrn = new HashMap<>();
        graph.resources().forEach(r -> byUrn.put(r.urn(), r));

        Map<String, Integer> batchByFunction = new HashMap<>();
        Map<String, String> queueByFunction = new HashMap<>();
        Set<String> consumerQueues = new java.util.HashSet<>();
        for (GraphResource mapping : graph.ofType(MAPPING)) {
            List<String> sources = mapping.propertyDependencies().getOrDefault("eventSourceArn", List.of());
            consumerQueues.addAll(sources);
            for (String f : functionsBehind(mapping, "functionName", byUrn)) {
                batchByFunction.put(f, intInput(mapping, "batchSize"));
                sources.stream().map(byUrn::get).filter(q -> q != null && q.type().equals(QUEUE)).findFirst()
                        .ifPresent(q -> queueByFunction.put(f, q.name()));
            }
        }
        Map<String, Integer> provisioned = new HashMap<>();
        for (GraphResource config : graph.ofType(PROVISIONED)) {
            functionsBehind(config, "functionName", byUrn).forEach(f ->
                    provisioned.merge(f, intInput(config, "provisionedConcurrentExecutions"), Integer::sum));
        }
        Set<String> tasks = new java.util.HashSet<>();
        int states = 0;
        boolean logsEveryState = false;
        for (GraphResource machine : graph.ofType(STATE_MACHINE)) {
            tasks.addAll(machine.propertyDependencies().getOrDefault("definition", List.of()));
            states += countStates(tree(machine.string("definition")));
            Object logging = machine.input("loggingConfiguration");
            logsEveryState |= logging instanceof Map<?, ?> m && "ALL".equals(m.get("level"));
        }

        List<Function> functions = new ArrayList<>();
        for (GraphResource fn : graph.ofType(FUNCTION)) {
            Role role = RuntimeHandlers.CUR_INGEST.equals(fn.string("handler")) ? Role.CUR_INGEST
                    : batchByFunction.containsKey(fn.urn()) ? Role.CONSUMER
                    : tasks.contains(fn.urn()) ? Role.WORKFLOW_TASK : Role.OTHER;
            Object architectures = fn.input("architectures");
            String architecture = architectures instanceof List<?> l && !l.isEmpty() ? l.get(0).toString() : "x86_64";
            functions.add(new Function(fn.name(), intInput(fn, "memorySize"), architecture, role,
                    batchByFunction.getOrDefault(fn.urn(), 0), provisioned.getOrDefault(fn.urn(), 0),
                    Optional.ofNullable(queueByFunction.get(fn.urn()))));
        }
        List<Queue> queues = graph.ofType(QUEUE).stream().map(q -> new Queue(q.name(),
                Boolean.TRUE.equals(q.input("fifoQueue")), intInput(q, "kmsDataKeyReusePeriodSeconds"),
                consumerQueues.contains(q.urn()))).toList();

        Optional<Integer> retention = graph.ofType("aws:cloudwatch/eventArchive:EventArchive").stream().findFirst()
                .map(a -> intInput(a, "retentionDays"));
        return new StackInventory(functions, queues, graph.ofType(ALARM).size(),
                graph.ofType("aws:cloudwatch/dashboard:Dashboard").size(), graph.ofType("aws:kms/key:Key").size(),
                retention, !graph.ofType("aws:schemas/discoverer:Discoverer").isEmpty(), states, logsEveryState,
                audit(graph, byUrn), notificationSubscriptions(graph));
    }

    /** Functions of one role. */
    public List<Function> functions(Role role) {
        return functions.stream().filter(f -> f.role() == role).toList();
    }

    /** The functions a mapping or config points at, through the alias when there is one. */
    private static List<String> functionsBehind(GraphResource r, String input, Map<String, GraphResource> byUrn) {
        List<String> out = new ArrayList<>();
        for (String urn : r.propertyDependencies().getOrDefault(input, List.of())) {
            GraphResource target = byUrn.get(urn);
            if (target == null) {
                continue;
            }
            if (target.type().equals(ALIAS)) {
                out.addAll(target.propertyDependencies().getOrDefault("functionName", List.of()));
            } else if (target.type().equals(FUNCTION)) {
                out.add(urn);
            }
        }
        return out;
    }

    /** The audit stream's bucket lifecycle: days in Standard before the first transition, and expiry. */
    private static Optional<Audit> audit(ResourceGraph graph, Map<String, GraphResource> byUrn) {
        Optional<GraphResource> stream = graph.ofType(FIREHOSE).stream().findFirst();
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        List<String> buckets = stream.get().propertyDependencies().getOrDefault("extendedS3Configuration", List.of());
        int standardDays = 0;
        int expireDays = 0;
        for (GraphResource lifecycle : graph.ofType(LIFECYCLE)) {
            if (lifecycle.propertyDependencies().getOrDefault("bucket", List.of()).stream().noneMatch(buckets::contains)) {
                continue;
            }
            for (JsonNode rule : JSON.valueToTree(lifecycle.input("rules"))) {
                for (JsonNode transition : rule.path("transitions")) {
                    int days = transition.path("days").asInt(0);
                    standardDays = standardDays == 0 ? days : Math.min(standardDays, days);
                }
                expireDays = Math.max(expireDays, rule.path("expiration").path("days").asInt(0));
            }
        }
        return Optional.of(new Audit(standardDays, expireDays));
    }

    /** Subscriptions of the topics the alarms do not notify (the notifications topics), by protocol. */
    private static Map<String, Integer> notificationSubscriptions(ResourceGraph graph) {
        Set<String> alarmTopics = new java.util.HashSet<>();
        graph.ofType(ALARM).forEach(a -> alarmTopics.addAll(a.propertyDependencies().getOrDefault("alarmActions", List.of())));
        Map<String, Integer> byProtocol = new TreeMap<>();
        for (GraphResource s : graph.ofType(SUBSCRIPTION)) {
            boolean toAlarms = s.propertyDependencies().getOrDefault("topic", List.of()).stream().anyMatch(alarmTopics::contains);
            if (!toAlarms) {
                byProtocol.merge(String.valueOf(s.input("protocol")), 1, Integer::sum);
            }
        }
        return byProtocol;
    }

    /** Every state, in branches and iterators too: an upper bound of the transitions of one execution. */
    static int countStates(JsonNode definition) {
        int count = 0;
        for (JsonNode state : definition.path("States")) {
            count++;
            for (JsonNode branch : state.path("Branches")) {
                count += countStates(branch);
            }
            count += countStates(state.path("Iterator")) + countStates(state.path("ItemProcessor"));
        }
        return count;
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("state machine definition is not JSON", e);
        }
    }

    private static int intInput(GraphResource r, String input) {
        Object value = r.input(input);
        return value instanceof Number n ? n.intValue() : 0;
    }

    /** Functions by name, for reports. */
    public Map<String, Function> functionsByName() {
        Map<String, Function> map = new LinkedHashMap<>();
        functions.forEach(f -> map.put(f.name(), f));
        return map;
    }
}
