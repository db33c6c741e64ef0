import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { eventbridgeBusArchive, eventbridgeRuleNotMatchAll, eventbridgeTargetDlqAndRetry } from "../policies/eventbridge";
import { json } from "./helpers/documents";
import { GraphBuilder } from "./helpers/graph-builder";
import { runOnGraph, runOnResource, single } from "./helpers/harness";

describe("eventbridge-bus-archive", () => {
    test("passes a bus with an archive; flags one without", async () => {
        const g = new GraphBuilder("test");
        const bus = g.add(AWS.eventBus, "bus", {});
        g.add(AWS.eventArchive, "archive", { eventSourceArn: bus.arn }, { eventSourceArn: [bus] });
        g.add(AWS.eventBus, "bare", {});
        const reported = await runOnGraph(eventbridgeBusArchive, g);
        assert.deepEqual(reported.map((r) => r.resource), ["bare"]);
        assert.match(reported[0].message, /aws:cloudwatch\/eventBus:EventBus "bare" has no archive: add an aws:cloudwatch\/eventArchive:EventArchive/);
    });
    test("exempts buses listed in config", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.eventBus, "replays", { name: "edp-replays" });
        assert.deepEqual(await runOnGraph(eventbridgeBusArchive, g, { exemptBusNames: ["edp-replays"] }), []);
    });
});

describe("eventbridge-target-dlq-retry", () => {
    const complete = { deadLetterConfig: { arn: "arn:aws:sqs:us-east-1:1:dlq" }, retryPolicy: { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 } };
    test("passes a target with a DLQ and a retry policy", async () => {
        assert.deepEqual(await runOnResource(eventbridgeTargetDlqAndRetry, single(AWS.eventTarget, complete)), []);
    });
    test("flags a missing DLQ and a missing retry policy separately", async () => {
        const messages = await runOnResource(eventbridgeTargetDlqAndRetry, single(AWS.eventTarget, {}, "to-queue"));
        assert.equal(messages.length, 2);
        assert.match(messages[0], /"to-queue" has no dead-letter queue: set deadLetterConfig/);
        assert.match(messages[1], /"to-queue" has no retry policy/);
        assert.equal((await runOnResource(eventbridgeTargetDlqAndRetry, single(AWS.eventTarget, { ...complete, retryPolicy: {} }))).length, 1);
    });
});

describe("eventbridge-rule-not-match-all", () => {
    const rule = (name: string, inputs: Record<string, unknown>) => single(AWS.eventRule, inputs, name);
    test("passes a filtering pattern and a scheduled rule", async () => {
        assert.deepEqual(await runOnResource(eventbridgeRuleNotMatchAll, rule("r", { eventPattern: json({ source: ["shop.orders"] }) })), []);
        assert.deepEqual(await runOnResource(eventbridgeRuleNotMatchAll, rule("r", { eventPattern: json({ source: [{ prefix: "" }], detail: { status: ["PAID"] } }) })), []);
        assert.deepEqual(await runOnResource(eventbridgeRuleNotMatchAll, rule("tick", { scheduleExpression: "rate(5 minutes)" })), []);
    });
    test("flags empty and match-everything patterns", async () => {
        for (const pattern of [{}, { source: [{ prefix: "" }] }, { "detail-type": [{ exists: true }], account: [{ wildcard: "*" }] }]) {
            const [message] = await runOnResource(eventbridgeRuleNotMatchAll, rule("everything", { eventPattern: json(pattern) }));
            assert.match(message ?? "", /"everything" matches every event/, json(pattern));
        }
        assert.match((await runOnResource(eventbridgeRuleNotMatchAll, rule("nothing", {})))[0], /neither an event pattern nor a schedule/);
        assert.match((await runOnResource(eventbridgeRuleNotMatchAll, rule("bad", { eventPattern: "{" })))[0], /its eventPattern is not valid JSON/);
    });
    test("exempts the audit catch-all by default suffix, and by configured names or suffixes only", async () => {
        const catchAll = { eventPattern: json({ source: [{ prefix: "" }] }) };
        assert.deepEqual(await runOnResource(eventbridgeRuleNotMatchAll, rule("orders-audit-rule", catchAll)), []);
        assert.deepEqual(await runOnResource(eventbridgeRuleNotMatchAll, rule("x", { ...catchAll, name: "edp-firehose-tap" }),
            { catchAllRuleNames: ["edp-firehose-tap"] }), []);
        assert.deepEqual(await runOnResource(eventbridgeRuleNotMatchAll, rule("orders-tap", catchAll), { catchAllRuleNameSuffixes: ["-tap"] }), []);
        // Replacing the suffixes drops the default one: the exemption is only what the config says.
        assert.equal((await runOnResource(eventbridgeRuleNotMatchAll, rule("orders-audit-rule", catchAll), { catchAllRuleNameSuffixes: ["-tap"] })).length, 1);
    });
});
