import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { lambdaTimeoutWithinVisibility } from "../policies/lambda";
import { physicalNamesPerStack } from "../policies/naming";
import { eventbridgeDlqStandardQueue, sqsRedriveTarget, sqsVisibilityCoversFunctionTimeout } from "../policies/queue-semantics";
import { json } from "./helpers/documents";
import { GraphBuilder } from "./helpers/graph-builder";
import { runOnGraph } from "./helpers/harness";

/** A consumer as the pattern builds it: the mapping invokes the function's alias "live". */
function consumer(visibility: number, timeout: number) {
    const g = new GraphBuilder("test");
    const queue = g.add(AWS.queue, "orders-queue", { visibilityTimeoutSeconds: visibility });
    const fn = g.add(AWS.lambdaFunction, "orders-fn", { timeout });
    const alias = g.add(AWS.lambdaAlias, "orders-alias", { functionName: fn.physicalName, name: "live" }, { functionName: [fn] });
    g.add(AWS.eventSourceMapping, "orders-mapping", { eventSourceArn: queue.arn, functionName: `${fn.arn}:live` },
        { eventSourceArn: [queue], functionName: [alias] });
    return g;
}

describe("sqs-visibility-covers-function-timeout", () => {
    test("passes a visibility timeout equal to the function's timeout", async () => {
        assert.deepEqual(await runOnGraph(sqsVisibilityCoversFunctionTimeout, consumer(30, 30)), []);
    });
    test("flags one below it, following the mapping through the function's alias", async () => {
        const [r, ...rest] = await runOnGraph(sqsVisibilityCoversFunctionTimeout, consumer(20, 30));
        assert.equal(rest.length, 0);
        assert.equal(r.resource, "orders-queue");
        assert.match(r.message, /has visibilityTimeoutSeconds 20, below the 30 s timeout of aws:lambda\/function:Function "orders-fn" .*Lambda rejects the mapping/);
    });
    test("the 6 x guidance is advisory, and now sees through aliases too", async () => {
        assert.equal(lambdaTimeoutWithinVisibility.enforcementLevel, "advisory");
        assert.equal((await runOnGraph(lambdaTimeoutWithinVisibility, consumer(30, 30))).length, 1);
        assert.deepEqual(await runOnGraph(lambdaTimeoutWithinVisibility, consumer(180, 30)), []);
    });
});

describe("eventbridge-dlq-standard-queue", () => {
    function target(dlqInputs: Record<string, unknown>) {
        const g = new GraphBuilder("test");
        const dlq = g.add(AWS.queue, "events-dlq", dlqInputs);
        g.add(AWS.eventTarget, "t", { arn: "arn:aws:sqs:us-east-1:1:q", deadLetterConfig: { arn: dlq.arn } }, { deadLetterConfig: [dlq] });
        return g;
    }
    test("passes a standard queue", async () => {
        assert.deepEqual(await runOnGraph(eventbridgeDlqStandardQueue, target({})), []);
    });
    test("flags a FIFO queue (fifoQueue, or a .fifo name)", async () => {
        const [r] = await runOnGraph(eventbridgeDlqStandardQueue, target({ fifoQueue: true }));
        assert.equal(r.resource, "events-dlq");
        assert.match(r.message, /is a FIFO queue used as the EventBridge dead-letter queue of aws:cloudwatch\/eventTarget:EventTarget "t"/);
        assert.equal((await runOnGraph(eventbridgeDlqStandardQueue, target({ name: "x.fifo" }))).length, 1);
    });
});

describe("sqs-redrive-target", () => {
    function pair(source: Record<string, unknown>, dlqInputs: Record<string, unknown>) {
        const g = new GraphBuilder("test");
        const dlq = g.add(AWS.queue, "dlq", dlqInputs);
        g.add(AWS.queue, "work", { ...source, redrivePolicy: json({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) }, { redrivePolicy: [dlq] });
        return g;
    }
    test("passes a DLQ of the same kind that outlives its source", async () => {
        assert.deepEqual(await runOnGraph(sqsRedriveTarget, pair({ messageRetentionSeconds: 345600 }, { messageRetentionSeconds: 1209600 })), []);
        assert.deepEqual(await runOnGraph(sqsRedriveTarget, pair({ fifoQueue: true }, { fifoQueue: true })), []);
    });
    test("flags a DLQ whose retention equals its source's (AWS's defaults count: 4 days each)", async () => {
        const [r] = await runOnGraph(sqsRedriveTarget, pair({ messageRetentionSeconds: 1209600 }, { messageRetentionSeconds: 1209600 }));
        assert.equal(r.resource, "dlq");
        assert.match(r.message, /keeps messages 1209600 s, not longer than its source's 1209600 s/);
        assert.equal((await runOnGraph(sqsRedriveTarget, pair({}, {}))).length, 1);
    });
    test("flags a FIFO queue with a standard DLQ", async () => {
        const [r] = await runOnGraph(sqsRedriveTarget, pair({ fifoQueue: true }, {}));
        assert.match(r.message, /"work" is a FIFO queue whose DLQ aws:sqs\/queue:Queue "dlq" is standard: SQS requires the DLQ to be of the same kind/);
    });
    test("flags a redrive policy naming a queue outside the stack, unless the config declares it", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.queue, "work", { redrivePolicy: json({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:1:gone", maxReceiveCount: 5 }) });
        const [r] = await runOnGraph(sqsRedriveTarget, g);
        assert.match(r.message, /names "arn:aws:sqs:us-east-1:1:gone", which is no queue of this stack/);
        assert.deepEqual(await runOnGraph(sqsRedriveTarget, g, { externalDeadLetterQueueArns: ["arn:aws:sqs:us-east-1:1:gone"] }), []);
    });
});

describe("physical-names-per-stack (advisory)", () => {
    test("passes names with the stack name, auto-names and prefixes; flags a fixed alarm and dashboard name", async () => {
        const g = new GraphBuilder("dev-alice");
        g.add(AWS.metricAlarm, "ok-alarm", { name: "edp-dev-alice-orders-dlq" });
        g.add(AWS.queue, "orders-queue", { name: "orders-queue-1a2b3c4" });
        g.add(AWS.logGroup, "logs", { namePrefix: "/edp/dev/" });
        g.add(AWS.metricAlarm, "shared-alarm", { name: "edp-dev-orders-dlq" });
        g.add(AWS.dashboard, "board", { dashboardName: "edp-dev" });
        const reported = await runOnGraph(physicalNamesPerStack, g);
        assert.deepEqual(reported.map((r) => r.resource), ["shared-alarm", "board"]);
        assert.match(reported[0].message, /is named "edp-dev-orders-dlq" \(name\), which does not contain the stack name "dev-alice"/);
        assert.equal(physicalNamesPerStack.enforcementLevel, "advisory");
    });
});
