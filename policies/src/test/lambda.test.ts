import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { lambdaLogGroupRetention, lambdaSqsBatchItemFailures, lambdaTimeoutWithinVisibility, lambdaTracingActive } from "../policies/lambda";
import { GraphBuilder } from "./helpers/graph-builder";
import { runOnGraph, runOnResource, single } from "./helpers/harness";

describe("lambda-tracing-active", () => {
    test("passes Active, flags PassThrough and the default", async () => {
        assert.deepEqual(await runOnResource(lambdaTracingActive, single(AWS.lambdaFunction, { tracingConfig: { mode: "Active" } })), []);
        assert.match((await runOnResource(lambdaTracingActive, single(AWS.lambdaFunction, {}, "consumer")))[0],
            /"consumer" has tracing mode "PassThrough \(default\)": set tracingConfig = \{ mode: "Active" \}/);
        assert.equal((await runOnResource(lambdaTracingActive, single(AWS.lambdaFunction, { tracingConfig: { mode: "PassThrough" } }))).length, 1);
    });
});

describe("lambda-log-group-retention", () => {
    test("passes a function whose loggingConfig names a log group with retention", async () => {
        const g = new GraphBuilder("test");
        const lg = g.add(AWS.logGroup, "logs", { retentionInDays: 14 });
        g.add(AWS.lambdaFunction, "fn", { loggingConfig: { logGroup: lg.physicalName } }, { loggingConfig: [lg] });
        assert.deepEqual(await runOnGraph(lambdaLogGroupRetention, g), []);
    });
    test("finds /aws/lambda/<name> by its name being computed from the function, or by equal names", async () => {
        const g = new GraphBuilder("test");
        const fn = g.add(AWS.lambdaFunction, "fn", {});
        g.add(AWS.logGroup, "fn-logs", { name: `/aws/lambda/${fn.physicalName}`, retentionInDays: 7 }, { name: [fn] });
        g.add(AWS.lambdaFunction, "named", { name: "edp-named" });
        g.add(AWS.logGroup, "named-logs", { name: "/aws/lambda/edp-named", retentionInDays: 7 });
        assert.deepEqual(await runOnGraph(lambdaLogGroupRetention, g), []);
    });
    test("flags a function without a log group, and a log group without retention", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.lambdaFunction, "orphan", {});
        const lg = g.add(AWS.logGroup, "forever", {});
        g.add(AWS.lambdaFunction, "fn", { loggingConfig: { logGroup: lg.physicalName } }, { loggingConfig: [lg] });
        const reported = await runOnGraph(lambdaLogGroupRetention, g);
        assert.deepEqual(reported.map((r) => r.resource), ["orphan", "forever"]);
        assert.match(reported[0].message, /"orphan" has no log group in the stack/);
        assert.match(reported[1].message, /"forever", the log group of aws:lambda\/function:Function "fn", keeps logs forever: set retentionInDays/);
    });
});

/** queue → mapping → function, with the given settings. */
function sqsConsumer(queueInputs: Record<string, unknown>, fnInputs: Record<string, unknown>, mappingInputs: Record<string, unknown>) {
    const g = new GraphBuilder("test");
    const queue = g.add(AWS.queue, "queue", queueInputs);
    const fn = g.add(AWS.lambdaFunction, "fn", fnInputs);
    g.add(AWS.eventSourceMapping, "mapping", { eventSourceArn: queue.arn, functionName: fn.arn, ...mappingInputs },
        { eventSourceArn: [queue], functionName: [fn] });
    return g;
}

describe("lambda-sqs-batch-item-failures", () => {
    test("passes a mapping that reports batch item failures", async () => {
        assert.deepEqual(await runOnGraph(lambdaSqsBatchItemFailures, sqsConsumer({}, {}, { functionResponseTypes: ["ReportBatchItemFailures"] })), []);
    });
    test("flags an SQS mapping without it, in the stack or by an SQS ARN outside it", async () => {
        const reported = await runOnGraph(lambdaSqsBatchItemFailures, sqsConsumer({}, {}, {}));
        assert.deepEqual(reported.map((r) => r.resource), ["mapping"]);
        assert.match(reported[0].message, /"mapping" reads an SQS queue without reporting batch item failures/);
        const g = new GraphBuilder("test");
        g.add(AWS.eventSourceMapping, "external", { eventSourceArn: "arn:aws:sqs:us-east-1:123456789012:elsewhere", functionName: "f" });
        assert.equal((await runOnGraph(lambdaSqsBatchItemFailures, g)).length, 1);
    });
    test("leaves non-SQS sources (a DynamoDB stream) alone", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.eventSourceMapping, "stream", { eventSourceArn: "arn:aws:dynamodb:us-east-1:1:table/t/stream/x", functionName: "f" });
        assert.deepEqual(await runOnGraph(lambdaSqsBatchItemFailures, g), []);
    });
});

describe("lambda-timeout-within-visibility", () => {
    test("passes visibility = 6 x timeout", async () => {
        assert.deepEqual(await runOnGraph(lambdaTimeoutWithinVisibility, sqsConsumer({ visibilityTimeoutSeconds: 180 }, { timeout: 30 }, {})), []);
    });
    test("flags the defaults' mismatch (30 s visibility, a 10 s function) and names queue, function and fix", async () => {
        const reported = await runOnGraph(lambdaTimeoutWithinVisibility, sqsConsumer({}, { timeout: 10 }, {}));
        assert.deepEqual(reported.map((r) => r.resource), ["queue"]);
        assert.match(reported[0].message, /"queue" has visibilityTimeoutSeconds 30, less than 6 x the 10 s timeout of aws:lambda\/function:Function "fn".*at least 60/);
    });
    test("takes the multiplier from config", async () => {
        const g = sqsConsumer({ visibilityTimeoutSeconds: 60 }, { timeout: 30 }, {});
        assert.equal((await runOnGraph(lambdaTimeoutWithinVisibility, g)).length, 1);
        assert.deepEqual(await runOnGraph(lambdaTimeoutWithinVisibility, g, { multiplier: 2 }), []);
    });
});
