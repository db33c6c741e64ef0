/** CloudWatch: an alarm with an action on every DLQ, and retention plus a KMS key on every log group. */
import type { PolicyResource } from "@pulumi/policy";
import { deadLetterQueues } from "../lib/dead-letters";
import { isSet, list, numberOr, read, UNKNOWN } from "../lib/inputs";
import { resourcePolicy, stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { StackGraph } from "../lib/stack-graph";
import { AWS, describe } from "../lib/types";

/** Does this alarm watch an AWS/SQS metric of `queue`? (plain metric alarm, or a metric query alarm) */
function watchesQueue(stack: StackGraph, alarm: PolicyResource, queue: PolicyResource): boolean {
    if (read(alarm.props, "namespace") === "AWS/SQS"
        && stack.referencedBy(alarm, "dimensions", [AWS.queue], [read(alarm.props, "dimensions", "QueueName")]).includes(queue)) {
        return true;
    }
    const queries = list(read(alarm.props, "metricQueries"));
    const sqsQueries = queries.filter((q) => read(q, "metric", "namespace") === "AWS/SQS");
    return sqsQueries.length > 0 && stack.referencedBy(alarm, "metricQueries", [AWS.queue],
        sqsQueries.map((q) => read(q, "metric", "dimensions", "QueueName"))).includes(queue);
}

/** An alarm that notifies someone: at least one alarm action, and actions not disabled. */
function hasAction(alarm: PolicyResource): boolean {
    const actions = read(alarm.props, "alarmActions");
    return read(alarm.props, "actionsEnabled") !== false && (actions === UNKNOWN || list(actions).length > 0);
}

export const cloudwatchDeadLetterQueueAlarm = stackPolicy({
    name: "cloudwatch-dlq-alarm",
    summary: "Every dead-letter queue has a CloudWatch alarm on one of its AWS/SQS metrics (e.g. "
        + "ApproximateNumberOfMessagesVisible > 0) with an alarm action, so failed messages are noticed.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: {},
    validate(stack, _config, report) {
        const alarms = stack.ofType(AWS.metricAlarm);
        for (const dlq of deadLetterQueues(stack).keys()) {
            const watching = alarms.filter((alarm) => watchesQueue(stack, alarm, dlq));
            if (watching.length === 0) {
                report(`${describe(dlq)} is a dead-letter queue without an alarm: add an aws:cloudwatch/metricAlarm:MetricAlarm on `
                    + "namespace AWS/SQS, ApproximateNumberOfMessagesVisible > 0, dimensions { QueueName: <queue name> }, with alarmActions.", dlq);
            } else if (!watching.some(hasAction)) {
                report(`${describe(dlq)}'s alarm (${watching.map(describe).join(", ")}) notifies no one: set alarmActions `
                    + "(e.g. an SNS topic) and leave actionsEnabled true.", watching[0]);
            }
        }
    },
});

interface LogGroupConfig { minRetentionDays: number }

export const cloudwatchLogGroupRetentionAndKey = resourcePolicy<LogGroupConfig>({
    name: "cloudwatch-log-group-retention-and-key",
    summary: "Every CloudWatch log group has a retention period (retentionInDays, at least minRetentionDays) and is "
        + "encrypted with a KMS key (kmsKeyId).",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: {
        checkov: ["CKV_AWS_66", "CKV_AWS_158", "CKV_AWS_338"],
        cdkNag: ["NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod", "NIST.800.53.R5-CloudWatchLogGroupEncrypted"],
        securityHub: ["CloudWatch.16"],
    },
    config: {
        minRetentionDays: {
            type: "integer", minimum: 1, default: 1,
            description: "Shortest allowed retentionInDays (checkov CKV_AWS_338 asks for 365).",
        },
    },
    types: [AWS.logGroup],
    validate(group, config, report) {
        const retention = numberOr(read(group.props, "retentionInDays"), 0);
        if (retention !== UNKNOWN && (retention === 0 || retention < config.minRetentionDays)) {
            report(`${describe(group)} ${retention === 0 ? "keeps logs forever" : `keeps logs only ${retention} days`}: `
                + `set retentionInDays to at least ${config.minRetentionDays}.`);
        }
        if (!isSet(read(group.props, "kmsKeyId"))) {
            report(`${describe(group)} is not encrypted with a KMS key: set kmsKeyId to a key whose policy lets `
                + "logs.<region>.amazonaws.com use it.");
        }
    },
});

export const cloudwatchPolicies: EdpPolicy[] = [cloudwatchDeadLetterQueueAlarm, cloudwatchLogGroupRetentionAndKey];
