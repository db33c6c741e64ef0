import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { cloudwatchDeadLetterQueueAlarm, cloudwatchLogGroupRetentionAndKey } from "../policies/cloudwatch";
import { json } from "./helpers/documents";
import { GraphBuilder, type Ref } from "./helpers/graph-builder";
import { runOnGraph, runOnResource, single } from "./helpers/harness";

function dlqWithAlarm(alarm?: (g: GraphBuilder, dlq: Ref) => void) {
    const g = new GraphBuilder("test");
    const dlq = g.add(AWS.queue, "dlq", {});
    g.add(AWS.queue, "work", { redrivePolicy: json({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }) }, { redrivePolicy: [dlq] });
    alarm?.(g, dlq);
    return g;
}
const metric = { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", threshold: 0 };

describe("cloudwatch-dlq-alarm", () => {
    test("passes an alarm on the DLQ with an action (plain metric, or metric query)", async () => {
        assert.deepEqual(await runOnGraph(cloudwatchDeadLetterQueueAlarm, dlqWithAlarm((g, dlq) =>
            g.add(AWS.metricAlarm, "a", { ...metric, dimensions: { QueueName: dlq.physicalName }, alarmActions: ["arn:aws:sns:us-east-1:1:t"] },
                { dimensions: [dlq] }))), []);
        assert.deepEqual(await runOnGraph(cloudwatchDeadLetterQueueAlarm, dlqWithAlarm((g, dlq) =>
            g.add(AWS.metricAlarm, "a", {
                alarmActions: ["arn:aws:sns:us-east-1:1:t"],
                metricQueries: [{ id: "m", metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: dlq.physicalName } } }],
            }, { metricQueries: [dlq] }))), []);
    });
    test("flags a DLQ without an alarm, and one whose alarm notifies no one", async () => {
        const none = await runOnGraph(cloudwatchDeadLetterQueueAlarm, dlqWithAlarm());
        assert.deepEqual(none.map((r) => r.resource), ["dlq"]);
        assert.match(none[0].message, /"dlq" is a dead-letter queue without an alarm/);
        const silent = await runOnGraph(cloudwatchDeadLetterQueueAlarm, dlqWithAlarm((g, dlq) =>
            g.add(AWS.metricAlarm, "quiet", { ...metric, dimensions: { QueueName: dlq.physicalName }, alarmActions: ["arn:aws:sns:us-east-1:1:t"], actionsEnabled: false },
                { dimensions: [dlq] })));
        assert.deepEqual(silent.map((r) => r.resource), ["quiet"]);
        assert.match(silent[0].message, /notifies no one/);
    });
    test("does not count an alarm on another namespace or queue", async () => {
        const reported = await runOnGraph(cloudwatchDeadLetterQueueAlarm, dlqWithAlarm((g, dlq) =>
            g.add(AWS.metricAlarm, "lambda-errors", { namespace: "AWS/Lambda", dimensions: { QueueName: dlq.physicalName }, alarmActions: ["t"] }, { dimensions: [dlq] })));
        assert.equal(reported.length, 1);
    });
});

describe("cloudwatch-log-group-retention-and-key", () => {
    test("passes retention and a key", async () => {
        assert.deepEqual(await runOnResource(cloudwatchLogGroupRetentionAndKey, single(AWS.logGroup, { retentionInDays: 30, kmsKeyId: "arn:aws:kms:us-east-1:1:key/k" })), []);
    });
    test("flags keep-forever and no key", async () => {
        const messages = await runOnResource(cloudwatchLogGroupRetentionAndKey, single(AWS.logGroup, {}, "logs"));
        assert.equal(messages.length, 2);
        assert.match(messages[0], /"logs" keeps logs forever: set retentionInDays/);
        assert.match(messages[1], /"logs" is not encrypted with a KMS key: set kmsKeyId/);
    });
    test("takes the minimum retention from config", async () => {
        const group = single(AWS.logGroup, { retentionInDays: 30, kmsKeyId: "k" });
        assert.match((await runOnResource(cloudwatchLogGroupRetentionAndKey, group, { minRetentionDays: 365 }))[0], /keeps logs only 30 days: set retentionInDays to at least 365/);
    });
});
