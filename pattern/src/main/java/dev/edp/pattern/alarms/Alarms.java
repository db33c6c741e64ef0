package dev.edp.pattern.alarms;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.PatternSettings.AlarmSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 004's alarm table, one alarm per watched thing, all notifying the alarms topic on ALARM and on OK:
 *
 * <table>
 *   <tr><th>Alarm</th><th>Metric</th><th>Default threshold</th></tr>
 *   <tr><td>EventBridge failed invocations</td><td>AWS/Events FailedInvocations, Sum</td><td>&gt; 10 in 5 min</td></tr>
 *   <tr><td>Lambda errors</td><td>AWS/Lambda Errors, Sum</td><td>&gt; 10 in 5 min</td></tr>
 *   <tr><td>Lambda duration p99</td><td>AWS/Lambda Duration, p99</td><td>&gt; 10 s</td></tr>
 *   <tr><td>Lambda throttles (added)</td><td>AWS/Lambda Throttles, Sum</td><td>&gt; 0 in 5 min</td></tr>
 *   <tr><td>SQS queue depth</td><td>AWS/SQS ApproximateNumberOfMessagesVisible, Max</td><td>&gt; 10,000</td></tr>
 *   <tr><td>Age of oldest message (added)</td><td>AWS/SQS ApproximateAgeOfOldestMessage, Max</td><td>&gt; 900 s</td></tr>
 *   <tr><td>DLQ messages</td><td>AWS/SQS ApproximateNumberOfMessagesVisible, Max, every minute</td><td>&ge; 1</td></tr>
 *   <tr><td>Step Functions failed</td><td>AWS/States ExecutionsFailed, Sum</td><td>&ge; 1</td></tr>
 *   <tr><td>Step Functions throttled</td><td>AWS/States ExecutionThrottled, Sum</td><td>&gt; 5 in 5 min</td></tr>
 * </table>
 *
 * Missing data is "not breaching": an idle queue or a function that did not run is healthy.
 */
public final class Alarms {

    private final List<MetricAlarm> alarms = new ArrayList<>();

    private Alarms() {
    }

    public static Alarms create(PatternContext ctx, Monitored watched, Output<String> alarmsTopicArn) {
        AlarmSettings s = ctx.settings().alarms();
        Alarms result = new Alarms();
        if (!s.enabled()) {
            return result;
        }
        AlarmFactory factory = new AlarmFactory(ctx, alarmsTopicArn, s.periodSeconds(), result.alarms);
        for (Monitored.Rule rule : watched.rules) {
            Map<String, Output<String>> dims = new LinkedHashMap<>();
            rule.busName().ifPresent(bus -> dims.put("EventBusName", bus));
            dims.put("RuleName", rule.ruleName());
            factory.sum(rule.label() + "-failed-invocations", "AWS/Events", "FailedInvocations", dims,
                    ">", s.eventBridgeFailedInvocations(), "EventBridge could not deliver events of " + rule.label());
        }
        for (Monitored.Function fn : watched.functions) {
            Map<String, Output<String>> dims = Map.of("FunctionName", fn.name());
            factory.sum(fn.label() + "-errors", "AWS/Lambda", "Errors", dims, ">", s.lambdaErrors(),
                    "The " + fn.label() + " function is failing");
            factory.percentile(fn.label() + "-duration-p99", "AWS/Lambda", "Duration", dims, "p99",
                    fn.durationAlarmP99Ms().orElse(s.lambdaDurationP99Ms()),
                    "The " + fn.label() + " function got slow (p99 duration)");
            factory.sum(fn.label() + "-throttles", "AWS/Lambda", "Throttles", dims, ">", s.lambdaThrottles(),
                    "The " + fn.label() + " function is being throttled");
        }
        for (Monitored.Named queue : watched.queues) {
            Map<String, Output<String>> dims = Map.of("QueueName", queue.name());
            factory.maximum(queue.label() + "-depth", "AWS/SQS", "ApproximateNumberOfMessagesVisible", dims, ">",
                    s.queueDepth(), "A backlog is building in " + queue.label());
            factory.maximum(queue.label() + "-oldest-message-age", "AWS/SQS", "ApproximateAgeOfOldestMessage", dims,
                    ">", s.queueOldestMessageAgeSeconds(), "Messages in " + queue.label() + " are waiting too long");
        }
        // Seed 004: "DLQ monitoring (immediate alerting)": DLQs are evaluated every minute, not every period.
        AlarmFactory everyMinute = new AlarmFactory(ctx, alarmsTopicArn, 60, result.alarms);
        for (Monitored.Named dlq : watched.deadLetterQueues) {
            everyMinute.maximum(dlq.label() + "-messages", "AWS/SQS", "ApproximateNumberOfMessagesVisible",
                    Map.of("QueueName", dlq.name()), ">=", s.dlqMessages(),
                    "Failed events are waiting in " + dlq.label() + ": inspect with ./edp dlq list");
        }
        watched.stateMachineArn.ifPresent(arn -> {
            Map<String, Output<String>> dims = Map.of("StateMachineArn", arn);
            factory.sum("workflow-failed", "AWS/States", "ExecutionsFailed", dims, ">=", s.workflowFailed(),
                    "Workflow executions failed");
            factory.sum("workflow-throttled", "AWS/States", "ExecutionThrottled", dims, ">", s.workflowThrottled(),
                    "Workflow executions are being throttled");
        });
        return result;
    }

    public List<MetricAlarm> alarms() {
        return alarms;
    }

    /** Builds alarms with the pattern's conventions (names, actions, missing data). */
    private record AlarmFactory(PatternContext ctx, Output<String> topicArn, int period, List<MetricAlarm> sink) {

        void sum(String label, String namespace, String metric, Map<String, Output<String>> dims, String op,
                 double threshold, String description) {
            add(label, namespace, metric, dims, op, threshold, description, "Sum", null);
        }

        void maximum(String label, String namespace, String metric, Map<String, Output<String>> dims, String op,
                     double threshold, String description) {
            add(label, namespace, metric, dims, op, threshold, description, "Maximum", null);
        }

        void percentile(String label, String namespace, String metric, Map<String, Output<String>> dims,
                        String percentile, double threshold, String description) {
            add(label, namespace, metric, dims, ">", threshold, description, null, percentile);
        }

        private void add(String label, String namespace, String metric, Map<String, Output<String>> dims, String op,
                         double threshold, String description, String statistic, String extendedStatistic) {
            List<String> keys = new ArrayList<>(dims.keySet());
            Output<Map<String, String>> dimensions = Output.all(new ArrayList<>(dims.values())).applyValue(values -> {
                Map<String, String> map = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    map.put(keys.get(i), values.get(i));
                }
                return map;
            });
            var args = MetricAlarmArgs.builder()
                    // No explicit name: Pulumi auto-names the alarm from its logical name plus a random suffix, so
                    // two stacks of one environment in one account never overwrite each other's alarms.
                    .alarmDescription(description)
                    .namespace(namespace)
                    .metricName(metric)
                    .dimensions(dimensions)
                    .period(period)
                    .evaluationPeriods(1)
                    .threshold(threshold)
                    .comparisonOperator(switch (op) {
                        case ">" -> "GreaterThanThreshold";
                        case ">=" -> "GreaterThanOrEqualToThreshold";
                        default -> throw new IllegalArgumentException(op);
                    })
                    .treatMissingData("notBreaching")
                    .alarmActions(topicArn.applyValue(List::of))
                    .okActions(topicArn.applyValue(List::of))
                    .tags(ctx.tags());
            if (statistic != null) {
                args.statistic(statistic);
            } else {
                args.extendedStatistic(extendedStatistic);
            }
            sink.add(new MetricAlarm(ctx.name("alarm", label), args.build(), ctx.options()));
        }
    }
}
