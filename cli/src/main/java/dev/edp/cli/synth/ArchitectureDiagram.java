package dev.edp.cli.synth;

import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Mermaid flowchart of a synthesized graph: the real resources and the real links between them, read from each
 * resource's property dependencies (rule → target, queue → DLQ, queue → function, function → what its role may
 * touch, state machine → tasks, stream → bucket). Policies, roles, log groups and the like are left out.
 */
public final class ArchitectureDiagram {

    private static final Map<String, String> SHOWN = new LinkedHashMap<>();

    static {
        SHOWN.put("aws:s3/bucketV2:BucketV2", "S3 bucket");
        SHOWN.put("aws:cloudwatch/eventBus:EventBus", "EventBridge bus");
        SHOWN.put("aws:cloudwatch/eventArchive:EventArchive", "archive");
        SHOWN.put("aws:schemas/registry:Registry", "schema registry");
        SHOWN.put("aws:cloudwatch/eventRule:EventRule", "rule");
        SHOWN.put("aws:sqs/queue:Queue", "SQS");
        SHOWN.put("aws:lambda/function:Function", "λ");
        SHOWN.put("aws:dynamodb/table:Table", "DynamoDB");
        SHOWN.put("aws:sns/topic:Topic", "SNS");
        SHOWN.put("aws:sfn/stateMachine:StateMachine", "Step Functions");
        SHOWN.put("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "Firehose");
        SHOWN.put("aws:kms/key:Key", "KMS key");
        SHOWN.put("aws:cloudwatch/dashboard:Dashboard", "dashboard");
    }

    private ArchitectureDiagram() {
    }

    public static String render(ResourceGraph graph) {
        Map<String, GraphResource> byUrn = new LinkedHashMap<>();
        graph.resources().forEach(r -> byUrn.put(r.urn(), r));
        Set<String> edges = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder("flowchart LR\n");
        out.append("  default_bus[(\"default bus\")]\n");
        for (GraphResource r : graph.resources()) {
            String label = SHOWN.get(r.type());
            if (label != null) {
                out.append("  ").append(id(r)).append(shape(r.type(), label + "<br/>" + r.name())).append('\n');
            }
        }
        for (GraphResource r : graph.resources()) {
            switch (r.type()) {
                case "aws:s3/bucketNotification:BucketNotification" -> deps(r, "bucket", byUrn).forEach(b ->
                        edges.add(id(b) + " -->|Object Created| default_bus"));
                case "aws:cloudwatch/eventRule:EventRule" -> {
                    List<GraphResource> buses = deps(r, "eventBusName", byUrn);
                    if (buses.isEmpty()) {
                        edges.add("default_bus --> " + id(r));
                    }
                    buses.forEach(b -> edges.add(id(b) + " --> " + id(r)));
                }
                case "aws:cloudwatch/eventTarget:EventTarget" -> {
                    List<GraphResource> rules = deps(r, "rule", byUrn);
                    for (GraphResource rule : rules) {
                        deps(r, "arn", byUrn).forEach(t -> edges.add(id(rule) + " --> " + id(t)));
                        deps(r, "deadLetterConfig", byUrn).forEach(d ->
                                edges.add(id(rule) + " -.->|undeliverable| " + id(d)));
                    }
                }
                case "aws:sqs/queue:Queue" -> deps(r, "redrivePolicy", byUrn).forEach(d ->
                        edges.add(id(r) + " -.->|after max receives| " + id(d)));
                case "aws:lambda/eventSourceMapping:EventSourceMapping" -> {
                    for (GraphResource q : deps(r, "eventSourceArn", byUrn)) {
                        for (GraphResource f : functionsOf(deps(r, "functionName", byUrn), byUrn)) {
                            edges.add(id(q) + " --> " + id(f));
                        }
                    }
                }
                case "aws:iam/rolePolicy:RolePolicy" -> {
                    for (GraphResource role : deps(r, "role", byUrn)) {
                        for (GraphResource fn : graph.ofType("aws:lambda/function:Function")) {
                            if (deps(fn, "role", byUrn).contains(role)) {
                                deps(r, "policy", byUrn).stream()
                                        .filter(t -> Set.of("aws:dynamodb/table:Table", "aws:sns/topic:Topic",
                                                "aws:s3/bucketV2:BucketV2", "aws:cloudwatch/eventBus:EventBus",
                                                "aws:sfn/stateMachine:StateMachine").contains(t.type()))
                                        .forEach(t -> edges.add(id(fn) + " --> " + id(t)));
                            }
                        }
                    }
                }
                case "aws:sfn/stateMachine:StateMachine" -> deps(r, "definition", byUrn).stream()
                        .filter(t -> SHOWN.containsKey(t.type()))
                        .forEach(t -> edges.add(id(r) + " --> " + id(t)));
                case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream" ->
                        deps(r, "extendedS3Configuration", byUrn).stream()
                                .filter(t -> t.type().equals("aws:s3/bucketV2:BucketV2"))
                                .forEach(t -> edges.add(id(r) + " --> " + id(t)));
                case "aws:cloudwatch/eventArchive:EventArchive" -> deps(r, "eventSourceArn", byUrn).forEach(b ->
                        edges.add(id(b) + " -.-> " + id(r)));
                case "aws:schemas/discoverer:Discoverer" -> deps(r, "sourceArn", byUrn).forEach(b ->
                        graph.ofType("aws:schemas/registry:Registry").forEach(reg ->
                                edges.add(id(b) + " -.->|discovered schemas| " + id(reg))));
                default -> {
                }
            }
        }
        long alarms = graph.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").size();
        if (alarms > 0) {
            out.append("  alarms{{\"").append(alarms).append(" CloudWatch alarms\"}}\n");
            graph.find(r -> r.type().equals("aws:cloudwatch/metricAlarm:MetricAlarm"))
                    .ifPresent(a -> deps(a, "alarmActions", byUrn).forEach(t -> edges.add("alarms --> " + id(t))));
        }
        edges.forEach(e -> out.append("  ").append(e).append('\n'));
        return out.toString();
    }

    private static List<GraphResource> functionsOf(List<GraphResource> targets, Map<String, GraphResource> byUrn) {
        return targets.stream().flatMap(t -> t.type().equals("aws:lambda/alias:Alias")
                ? deps(t, "functionName", byUrn).stream() : java.util.stream.Stream.of(t)).toList();
    }

    private static List<GraphResource> deps(GraphResource r, String input, Map<String, GraphResource> byUrn) {
        return r.propertyDependencies().getOrDefault(input, List.of()).stream()
                .map(byUrn::get).filter(java.util.Objects::nonNull).distinct().toList();
    }

    static String id(GraphResource r) {
        return r.name().replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String shape(String type, String label) {
        String quoted = "\"" + label.replace("\"", "'") + "\"";
        return switch (type) {
            case "aws:sqs/queue:Queue" -> "[/" + quoted + "/]";
            case "aws:dynamodb/table:Table", "aws:s3/bucketV2:BucketV2" -> "[(" + quoted + ")]";
            case "aws:cloudwatch/eventBus:EventBus" -> "[(" + quoted + ")]";
            case "aws:lambda/function:Function" -> "(" + quoted + ")";
            default -> "[" + quoted + "]";
        };
    }
}
