import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { sqsDeadLetterQueueRetention, sqsQueueCustomerKey, sqsQueueHasDeadLetterQueue, sqsQueueTlsOnly } from "../policies/sqs";
import { doc, json, tlsDeny, UNKNOWN_STRING } from "./helpers/documents";
import { GraphBuilder } from "./helpers/graph-builder";
import { runOnGraph, runOnResource, single } from "./helpers/harness";

describe("sqs-queue-customer-kms-key", () => {
    test("passes a queue encrypted with a key of the stack", async () => {
        assert.deepEqual(await runOnResource(sqsQueueCustomerKey, single(AWS.queue, { kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/1" })), []);
    });
    test("passes a key that is unknown during preview (it comes from a key resource)", async () => {
        assert.deepEqual(await runOnResource(sqsQueueCustomerKey, single(AWS.queue, { kmsMasterKeyId: UNKNOWN_STRING })), []);
    });
    test("flags a queue without a key, naming it and the input to set", async () => {
        const [message, ...rest] = await runOnResource(sqsQueueCustomerKey, single(AWS.queue, { sqsManagedSseEnabled: true }, "orders"));
        assert.equal(rest.length, 0);
        assert.match(message, /aws:sqs\/queue:Queue "orders" is not encrypted with a customer managed KMS key \(no KMS key is set\): set kmsMasterKeyId/);
    });
    test("flags the AWS managed key", async () => {
        const [message] = await runOnResource(sqsQueueCustomerKey, single(AWS.queue, { kmsMasterKeyId: "alias/aws/sqs" }));
        assert.match(message, /alias\/aws\/sqs is an AWS managed key/);
    });
    test("ignores other resource types", async () => {
        assert.deepEqual(await runOnResource(sqsQueueCustomerKey, single(AWS.topic, {})), []);
    });
});

/** A working queue with its DLQ, linked the way a program links them (the DLQ's arn in the redrive policy). */
function queueWithDlq(redrive: Record<string, unknown> = { maxReceiveCount: 5 }) {
    const g = new GraphBuilder("test");
    const dlq = g.add(AWS.queue, "dlq", {});
    g.add(AWS.queue, "work", { redrivePolicy: json({ deadLetterTargetArn: dlq.arn, ...redrive }) }, { redrivePolicy: [dlq] });
    return g;
}

describe("sqs-queue-has-dlq", () => {
    test("passes a queue with a redrive policy; its DLQ needs none", async () => {
        assert.deepEqual(await runOnGraph(sqsQueueHasDeadLetterQueue, queueWithDlq()), []);
    });
    test("flags a working queue without a redrive policy", async () => {
        const g = queueWithDlq();
        g.add(AWS.queue, "lonely", {});
        const reported = await runOnGraph(sqsQueueHasDeadLetterQueue, g);
        assert.deepEqual(reported.map((r) => r.resource), ["lonely"]);
        assert.match(reported[0].message, /"lonely" has no dead-letter queue: set redrivePolicy/);
    });
    test("flags maxReceiveCount outside 1..10, and takes the bounds from config", async () => {
        const reported = await runOnGraph(sqsQueueHasDeadLetterQueue, queueWithDlq({ maxReceiveCount: 50 }));
        assert.equal(reported.length, 1);
        assert.match(reported[0].message, /maxReceiveCount is 50; set it between 1 and 10/);
        assert.deepEqual(await runOnGraph(sqsQueueHasDeadLetterQueue, queueWithDlq({ maxReceiveCount: 50 }), { maxMaxReceiveCount: 100 }), []);
    });
    test("flags a redrive policy without a target", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.queue, "work", { redrivePolicy: json({ maxReceiveCount: 3 }) });
        const reported = await runOnGraph(sqsQueueHasDeadLetterQueue, g);
        assert.match(reported[0].message, /has no deadLetterTargetArn/);
    });
    test("reports a redrive policy that is not JSON, naming the field", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.queue, "work", { redrivePolicy: "{not json" });
        const reported = await runOnGraph(sqsQueueHasDeadLetterQueue, g);
        assert.match(reported[0].message, /"work": its redrivePolicy is not valid JSON/);
    });
    test("accepts a redrive policy set by a separate aws:sqs/redrivePolicy resource", async () => {
        const g = new GraphBuilder("test");
        const dlq = g.add(AWS.queue, "dlq", {});
        const work = g.add(AWS.queue, "work", {});
        g.add(AWS.queueRedrivePolicy, "work-redrive", { queueUrl: work.url, redrivePolicy: json({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 4 }) },
            { queueUrl: [work], redrivePolicy: [dlq] });
        assert.deepEqual(await runOnGraph(sqsQueueHasDeadLetterQueue, g), []);
    });
    test("treats a queue that an EventBridge target dead-letters into as a DLQ", async () => {
        const g = new GraphBuilder("test");
        const dlq = g.add(AWS.queue, "target-dlq", {});
        g.add(AWS.eventTarget, "target", { deadLetterConfig: { arn: dlq.arn } }, { deadLetterConfig: [dlq] });
        assert.deepEqual(await runOnGraph(sqsQueueHasDeadLetterQueue, g), []);
    });
    test("treats a queue whose redriveAllowPolicy allows sources as a declared DLQ, but not one that denies all", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.queue, "declared", { redriveAllowPolicy: json({ redrivePermission: "allowAll" }) });
        g.add(AWS.queue, "denies", { redriveAllowPolicy: json({ redrivePermission: "denyAll" }) });
        assert.deepEqual((await runOnGraph(sqsQueueHasDeadLetterQueue, g)).map((r) => r.resource), ["denies"]);
    });
});

describe("sqs-queue-tls-only", () => {
    function queueWithPolicy(policy: string | undefined) {
        const g = new GraphBuilder("test");
        const q = g.add(AWS.queue, "q", {});
        if (policy !== undefined) {
            g.add(AWS.queuePolicy, "q-policy", { queueUrl: q.url, policy }, { queueUrl: [q] });
        }
        return g;
    }
    test("passes a queue policy with the TLS-only deny", async () => {
        assert.deepEqual(await runOnGraph(sqsQueueTlsOnly, queueWithPolicy(doc(tlsDeny("sqs")))), []);
    });
    test("passes the deny written inline on the queue, and with Action \"*\"", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.queue, "q", { policy: doc({ ...tlsDeny("sqs"), Action: "*" }) });
        assert.deepEqual(await runOnGraph(sqsQueueTlsOnly, g), []);
    });
    test("flags a queue without a policy", async () => {
        const reported = await runOnGraph(sqsQueueTlsOnly, queueWithPolicy(undefined));
        assert.equal(reported[0].resource, "q");
        assert.match(reported[0].message, /"q" has no resource policy.*attach a QueuePolicy/);
    });
    test("flags a policy whose deny is narrowed by another condition or covers only some actions", async () => {
        const narrowed = { ...tlsDeny("sqs"), Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:SourceVpc": "vpc-1" } } };
        for (const statement of [narrowed, { ...tlsDeny("sqs"), Action: "sqs:SendMessage" }, { ...tlsDeny("sqs"), Principal: { Service: "sns.amazonaws.com" } }]) {
            const reported = await runOnGraph(sqsQueueTlsOnly, queueWithPolicy(doc(statement)));
            assert.equal(reported.length, 1, json(statement));
            assert.match(reported[0].message, /accepts requests over plain HTTP: its policy \(aws:sqs\/queuePolicy:QueuePolicy "q-policy"\) has no TLS-only deny/);
        }
    });
});

describe("sqs-dlq-retention", () => {
    function dlqWith(retention?: number) {
        const g = new GraphBuilder("test");
        const dlq = g.add(AWS.queue, "dlq", retention === undefined ? {} : { messageRetentionSeconds: retention });
        g.add(AWS.queue, "work", { redrivePolicy: json({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }) }, { redrivePolicy: [dlq] });
        return g;
    }
    test("passes AWS's default (4 days) and 14 days", async () => {
        assert.deepEqual(await runOnGraph(sqsDeadLetterQueueRetention, dlqWith()), []);
        assert.deepEqual(await runOnGraph(sqsDeadLetterQueueRetention, dlqWith(1209600)), []);
    });
    test("flags a DLQ that keeps messages an hour", async () => {
        const reported = await runOnGraph(sqsDeadLetterQueueRetention, dlqWith(3600));
        assert.deepEqual(reported.map((r) => r.resource), ["dlq"]);
        assert.match(reported[0].message, /keeps messages only 3600 s: set messageRetentionSeconds to at least 345600/);
    });
    test("takes the minimum from config (the default 4 days then fails)", async () => {
        const reported = await runOnGraph(sqsDeadLetterQueueRetention, dlqWith(), { minRetentionSeconds: 1209600 });
        assert.match(reported[0].message, /only 345600 s.*at least 1209600/);
    });
    test("leaves working queues alone", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.queue, "work", { messageRetentionSeconds: 60 });
        assert.deepEqual(await runOnGraph(sqsDeadLetterQueueRetention, g), []);
    });
});
