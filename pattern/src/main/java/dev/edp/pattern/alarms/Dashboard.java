package dev.edp.pattern.alarms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.cloudwatch.DashboardArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One CloudWatch dashboard with seed 004's panels: EventBridge (matched events, failed invocations), Lambda
 * (invocations, errors, p99 duration, throttles), SQS (visible messages, age of oldest), DLQs, Step Functions
 * (started, failed, throttled), plus the audit stream's deliveries and the table's throttles.
 */
public final class Dashboard {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int WIDTH = 12;
    private static final int HEIGHT = 6;

    private Dashboard() {
    }

    public static com.pulumi.aws.cloudwatch.Dashboard create(PatternContext ctx, Monitored watched) {
        List<Output<String>> names = new ArrayList<>();
        watched.rules.forEach(r -> {
            names.add(r.ruleName());
            names.add(r.busName().orElse(Output.of("")));
        });
        watched.functions.forEach(f -> names.add(f.name()));
        watched.queues.forEach(q -> names.add(q.name()));
        watched.deadLetterQueues.forEach(q -> names.add(q.name()));
        names.add(watched.stateMachineArn.orElse(Output.of("")));
        names.add(watched.deliveryStreamName.orElse(Output.of("")));
        names.add(watched.tableName.orElse(Output.of("")));

        names.add(ctx.region());
        Output<String> body = Output.all(names).applyValue(values -> body(watched, values));
        return new com.pulumi.aws.cloudwatch.Dashboard(ctx.name("dashboard"), DashboardArgs.builder()
                // Required (no auto-naming): unique per project and stack. CloudWatch dashboard names are at most
                // 255 characters of letters, digits, '-' and '_' (PutDashboard API reference).
                .dashboardName(ctx.stackUniqueName("dashboard", 255))
                .dashboardBody(body)
                .build(), ctx.options());
    }

    static String body(Monitored watched, List<String> values) {
        var it = values.iterator();
        List<String[]> rules = new ArrayList<>();
        watched.rules.forEach(r -> rules.add(new String[]{it.next(), it.next()}));
        List<String> functions = new ArrayList<>();
        watched.functions.forEach(f -> functions.add(it.next()));
        List<String> queues = new ArrayList<>();
        watched.queues.forEach(q -> queues.add(it.next()));
        List<String> dlqs = new ArrayList<>();
        watched.deadLetterQueues.forEach(q -> dlqs.add(it.next()));
        String stateMachine = it.next();
        String stream = it.next();
        String table = it.next();
        String region = it.next();

        ObjectNode root = F.objectNode();
        ArrayNode widgets = root.putArray("widgets");
        Layout layout = new Layout(widgets, region);
        layout.add("EventBridge: matched events and failed invocations", "Sum", metrics -> rules.forEach(r -> {
            metrics.add(metric("AWS/Events", "MatchedEvents", r));
            metrics.add(metric("AWS/Events", "FailedInvocations", r));
        }));
        layout.add("Lambda: invocations and errors", "Sum", metrics -> functions.forEach(fn -> {
            metrics.add(line("AWS/Lambda", "Invocations", "FunctionName", fn));
            metrics.add(line("AWS/Lambda", "Errors", "FunctionName", fn));
        }));
        layout.add("Lambda: duration p99 (ms) and throttles", "p99", metrics -> functions.forEach(fn -> {
            metrics.add(line("AWS/Lambda", "Duration", "FunctionName", fn));
            metrics.add(withStat(line("AWS/Lambda", "Throttles", "FunctionName", fn), "Sum"));
        }));
        layout.add("SQS: visible messages and age of oldest (s)", "Maximum", metrics -> queues.forEach(q -> {
            metrics.add(line("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q));
            metrics.add(line("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", q));
        }));
        layout.add("Dead-letter queues: failed events waiting", "Maximum", metrics ->
                dlqs.forEach(q -> metrics.add(line("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q))));
        if (!stateMachine.isEmpty()) {
            layout.add("Step Functions: executions", "Sum", metrics -> {
                for (String m : List.of("ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed",
                        "ExecutionsTimedOut", "ExecutionThrottled")) {
                    metrics.add(line("AWS/States", m, "StateMachineArn", stateMachine));
                }
            });
        }
        if (!stream.isEmpty() || !table.isEmpty()) {
            layout.add("Audit stream deliveries, table throttles and errors", "Sum", metrics -> {
                if (!stream.isEmpty()) {
                    metrics.add(line("AWS/Firehose", "DeliveryToS3.Records", "DeliveryStreamName", stream));
                    metrics.add(withStat(line("AWS/Firehose", "DeliveryToS3.Success", "DeliveryStreamName", stream),
                            "Average"));
                }
                if (!table.isEmpty()) {
                    // DynamoDB publishes ThrottledRequests and SystemErrors only per (TableName, Operation): a
                    // TableName-only series of them does not exist and would stay empty. Read/WriteThrottleEvents
                    // exist per TableName; SystemErrors is summed over every operation by a search expression.
                    // DynamoDB Developer Guide, "DynamoDB Metrics and dimensions"
                    // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html).
                    metrics.add(line("AWS/DynamoDB", "ReadThrottleEvents", "TableName", table));
                    metrics.add(line("AWS/DynamoDB", "WriteThrottleEvents", "TableName", table));
                    metrics.add(F.arrayNode().add(F.objectNode()
                            .put("expression", systemErrorsOfTable(table))
                            .put("label", "SystemErrors (all operations)")
                            .put("id", "tableSystemErrors")));
                }
            });
        }
        return root.toString();
    }

    /** SystemErrors of every operation on the table, summed (a CloudWatch metric math SEARCH expression). */
    static String systemErrorsOfTable(String table) {
        return "SUM(SEARCH('{AWS/DynamoDB,Operation,TableName} MetricName=\"SystemErrors\" TableName=\""
                + table + "\"', 'Sum', 300))";
    }

    private static ArrayNode metric(String namespace, String name, String[] rule) {
        ArrayNode m = F.arrayNode().add(namespace).add(name);
        if (!rule[1].isEmpty()) {
            m.add("EventBusName").add(rule[1]);
        }
        return m.add("RuleName").add(rule[0]);
    }

    private static ArrayNode line(String namespace, String name, String dimension, String value) {
        return F.arrayNode().add(namespace).add(name).add(dimension).add(value);
    }

    private static ArrayNode withStat(ArrayNode metric, String stat) {
        return metric.add(F.objectNode().put("stat", stat));
    }

    /** Places metric widgets two to a row. */
    private static final class Layout {
        private final ArrayNode widgets;
        private final String region;
        private int index;

        Layout(ArrayNode widgets, String region) {
            this.widgets = widgets;
            this.region = region;
        }

        void add(String title, String stat, Consumer<ArrayNode> fill) {
            ObjectNode widget = widgets.addObject();
            widget.put("type", "metric");
            widget.put("x", (index % 2) * WIDTH);
            widget.put("y", (index / 2) * HEIGHT);
            widget.put("width", WIDTH);
            widget.put("height", HEIGHT);
            ObjectNode properties = widget.putObject("properties");
            properties.put("title", title);
            properties.put("region", region);
            properties.put("stat", stat);
            properties.put("period", 300);
            properties.put("view", "timeSeries");
            fill.accept(properties.putArray("metrics"));
            index++;
        }
    }
}
