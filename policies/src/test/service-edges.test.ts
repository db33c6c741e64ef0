/**
 * Issue 14's service edges, each with a graph that passes as the pattern writes it and a violating graph per rule:
 * EventBridge Scheduler schedules (trust, scope, DLQ, the target's and DLQ's keys), Lambda asynchronous invocation
 * (retry ranges, FIFO destinations, somewhere for failures, the destination's key with the function's role), and
 * topic consumers (rule -> SNS: the topic policy scoped to the rule, an encrypted topic's key admitting EventBridge).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { accessAlongEdges } from "../policies/access";
import { lambdaAsyncInvocation } from "../policies/lambda";
import { schedulerDeadLetterQueue, schedulerRoleLeastPrivilege, schedulerRoleTrust } from "../policies/scheduler";
import { doc, tlsDeny } from "./helpers/documents";
import { FIXTURE_ACCOUNT, FIXTURE_REGION, GraphBuilder, type Ref } from "./helpers/graph-builder";
import { runOnGraph } from "./helpers/harness";

const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${FIXTURE_ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
const ACCOUNT = { StringEquals: { "aws:SourceAccount": FIXTURE_ACCOUNT } };
const trust = (service: string, condition: Record<string, unknown> | null = ACCOUNT) =>
    doc({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });

function roleWith(g: GraphBuilder, name: string, assumeRolePolicy: string, ...statements: Record<string, unknown>[]): Ref {
    const r = g.add(AWS.role, name, { assumeRolePolicy });
    g.add(AWS.rolePolicy, `${name}-policy`, { role: r.physicalName, policy: doc(...statements) }, { role: [r] });
    return r;
}

/** A schedule putting events on the bus, its DLQ the encrypted events DLQ, as pattern/sources/Schedules writes it. */
function schedule(opts: { trust?: string; statements?: (bus: Ref, dlq: Ref, key: Ref) => Record<string, unknown>[];
                          dlq?: boolean; fifoDlq?: boolean } = {}) {
    const g = new GraphBuilder("test");
    const key = g.add(AWS.kmsKey, "key", { policy: doc(ROOT) });
    const bus = g.add(AWS.eventBus, "bus", { name: "bus-1" });
    const dlq = g.add(AWS.queue, opts.fifoDlq ? "events-dlq.fifo" : "events-dlq", { kmsMasterKeyId: key.arn, ...(opts.fifoDlq ? { fifoQueue: true } : {}) },
        { kmsMasterKeyId: [key] });
    const statements = opts.statements?.(bus, dlq, key) ?? [
        { Sid: "PutScheduledEvents", Effect: "Allow", Action: "events:PutEvents", Resource: bus.arn },
        { Sid: "SendUndeliveredToEventsDlq", Effect: "Allow", Action: "sqs:SendMessage", Resource: dlq.arn },
        { Sid: "EncryptForEventsDlq", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: key.arn },
    ];
    const role = roleWith(g, "tick-schedule-role", opts.trust ?? trust("scheduler.amazonaws.com"), ...statements);
    g.add(AWS.schedule, "tick-schedule", { scheduleExpression: "rate(5 minutes)", target: { arn: bus.arn, roleArn: role.arn,
        input: "{}", eventbridgeParameters: { source: "shop.clock", detailType: "Tick" },
        ...(opts.dlq === false ? {} : { deadLetterConfig: { arn: dlq.arn } }) } },
    { target: opts.dlq === false ? [bus, role] : [bus, role, dlq] });
    return g;
}

describe("EventBridge Scheduler schedules", () => {
    test("pass as the pattern writes them: trusted by Scheduler for this account, only the target's action, the DLQ and its key", async () => {
        for (const policy of [accessAlongEdges, schedulerRoleTrust, schedulerRoleLeastPrivilege, schedulerDeadLetterQueue]) {
            assert.deepEqual(await runOnGraph(policy, schedule()), [], policy.name);
        }
    });
    test("scheduler-role-trust: a role another service assumes, or one with no aws:SourceAccount", async () => {
        const other = await runOnGraph(schedulerRoleTrust, schedule({ trust: trust("events.amazonaws.com") }));
        assert.match(other[0].message, /does not trust scheduler\.amazonaws\.com .*could never run/);
        const unscoped = await runOnGraph(schedulerRoleTrust, schedule({ trust: trust("scheduler.amazonaws.com", null) }));
        assert.match(unscoped[0].message, /trusts scheduler\.amazonaws\.com without aws:SourceAccount/);
        assert.equal(unscoped[0].resource, "tick-schedule");
    });
    test("scheduler-role-least-privilege: an action on another resource, or another action, is named", async () => {
        const wide = await runOnGraph(schedulerRoleLeastPrivilege, schedule({ statements: (bus, dlq, key) => [
            { Sid: "Wide", Effect: "Allow", Action: ["events:PutEvents", "sqs:SendMessage"], Resource: [bus.arn, "arn:aws:sqs:us-east-1:123456789012:orders"] },
            { Effect: "Allow", Action: "sqs:SendMessage", Resource: dlq.arn },
            { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: key.arn },
        ] }));
        assert.equal(wide.length, 1);
        assert.match(wide[0].message, /allows more than the schedule does: events:PutEvents on arn:aws:sqs:us-east-1:123456789012:orders, sqs:SendMessage on arn:aws:events:.*event-bus\/bus-1, sqs:SendMessage on arn:aws:sqs:us-east-1:123456789012:orders \(statement Wide\)/);
    });
    test("access-along-edges: the role lacks the target's action, or the DLQ key's kms:Decrypt", async () => {
        const noPut = await runOnGraph(accessAlongEdges, schedule({ statements: (_bus, dlq, key) => [
            { Effect: "Allow", Action: "sqs:SendMessage", Resource: dlq.arn },
            { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: key.arn },
        ] }));
        assert.match(noPut[0].message, /Scheduler schedule .*"tick-schedule" -> aws:cloudwatch\/eventBus:EventBus "bus": .* has no events:PutEvents/);
        const noDecrypt = await runOnGraph(accessAlongEdges, schedule({ statements: (bus, dlq, key) => [
            { Effect: "Allow", Action: "events:PutEvents", Resource: bus.arn },
            { Effect: "Allow", Action: "sqs:SendMessage", Resource: dlq.arn },
            { Effect: "Allow", Action: "kms:GenerateDataKey", Resource: key.arn },
        ] }));
        assert.equal(noDecrypt.length, 1);
        assert.match(noDecrypt[0].message, /-> its DLQ aws:sqs\/queue:Queue "events-dlq" \(its key\): .* has no kms:Decrypt/);
    });
    test("scheduler-dead-letter-queue: no DLQ, or a FIFO one", async () => {
        assert.match((await runOnGraph(schedulerDeadLetterQueue, schedule({ dlq: false })))[0].message,
            /has no target\.deadLetterConfig: an invocation that fails after its retries is dropped/);
        assert.match((await runOnGraph(schedulerDeadLetterQueue, schedule({ fifoDlq: true })))[0].message,
            /is a FIFO queue: EventBridge Scheduler delivers dead-letter events only to standard queues/);
    });
});

/** A function consumer: rule -> function (async), retries and an on-failure destination, as FunctionConsumer writes it. */
function functionConsumer(opts: { retries?: number; age?: number; onFailure?: boolean; fifo?: boolean; keyActions?: string[] } = {}) {
    const g = new GraphBuilder("test");
    const key = g.add(AWS.kmsKey, "key", { policy: doc(ROOT) });
    const dlq = g.add(AWS.queue, opts.fifo ? "direct-dlq.fifo" : "direct-dlq", { kmsMasterKeyId: key.arn, ...(opts.fifo ? { fifoQueue: true } : {}) },
        { kmsMasterKeyId: [key] });
    const role = roleWith(g, "direct-role", trust("lambda.amazonaws.com"),
        { Sid: "SendFailuresToOwnDlq", Effect: "Allow", Action: "sqs:SendMessage", Resource: dlq.arn },
        { Sid: "EncryptFailuresForOwnDlq", Effect: "Allow", Action: opts.keyActions ?? ["kms:GenerateDataKey", "kms:Decrypt"], Resource: key.arn });
    const fn = g.add(AWS.lambdaFunction, "direct-fn", { role: role.arn }, { role: [role] });
    const ruleArn = `arn:aws:events:${FIXTURE_REGION}:${FIXTURE_ACCOUNT}:rule/bus-1/direct-rule`;
    g.add(AWS.lambdaPermission, "direct-invoke-permission", { action: "lambda:InvokeFunction", function: fn.physicalName,
        principal: "events.amazonaws.com", sourceArn: ruleArn }, { function: [fn] });
    g.add(AWS.eventTarget, "direct-target", { rule: "direct-rule", eventBusName: "bus-1", arn: fn.arn }, { arn: [fn] });
    if (opts.onFailure !== false) {
        g.add(AWS.functionEventInvokeConfig, "direct-async-config", { functionName: fn.physicalName,
            maximumRetryAttempts: opts.retries ?? 1, maximumEventAgeInSeconds: opts.age ?? 3600,
            destinationConfig: { onFailure: { destination: dlq.arn } } }, { functionName: [fn], destinationConfig: [dlq] });
    }
    return g;
}

describe("Lambda asynchronous invocation (function consumers)", () => {
    test("passes as the pattern writes it: permission for the rule (Pulumi's `function` input), retries in range, the DLQ and its key", async () => {
        assert.deepEqual(await runOnGraph(accessAlongEdges, functionConsumer()), []);
        assert.deepEqual(await runOnGraph(lambdaAsyncInvocation, functionConsumer()), []);
    });
    test("lambda-async-invocation: retries or event age out of range, a FIFO destination, no destination at all", async () => {
        const range = await runOnGraph(lambdaAsyncInvocation, functionConsumer({ retries: 3, age: 30 }));
        assert.deepEqual(range.map((r) => r.message).sort(), [
            'aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig "direct-async-config" has maximumEventAgeInSeconds 30: Lambda accepts 60 to 21600 seconds (6 hours).',
            'aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig "direct-async-config" has maximumRetryAttempts 3: Lambda accepts 0, 1 or 2.',
        ]);
        assert.match((await runOnGraph(lambdaAsyncInvocation, functionConsumer({ fifo: true })))[0].message,
            /onFailure destination aws:sqs\/queue:Queue "direct-dlq.fifo" is FIFO/);
        const none = await runOnGraph(lambdaAsyncInvocation, functionConsumer({ onFailure: false }));
        assert.equal(none[0].resource, "direct-target");
        assert.match(none[0].message, /invoked asynchronously by .*"direct-target" and has neither an on-failure destination .* is lost/);
    });
    test("access-along-edges: the function's role must be able to write the destination with its key", async () => {
        const reported = await runOnGraph(accessAlongEdges, functionConsumer({ keyActions: ["kms:GenerateDataKey"] }));
        // The role's own grant (direct-fn) and the destination edge (direct-async-config) both lack the key.
        assert.deepEqual(reported.map((r) => r.resource).sort(), ["direct-async-config", "direct-fn"]);
        assert.match(reported.find((r) => r.resource === "direct-async-config")!.message, /Lambda aws:lambda\/function:Function "direct-fn" \(onFailure destination\) -> aws:sqs\/queue:Queue "direct-dlq" \(its key\): .* has no kms:Decrypt/);
    });
    test("access-along-edges: without a permission for EventBridge the rule cannot invoke the function", async () => {
        const g = functionConsumer();
        const graph = g.build();
        graph.resources.splice(graph.resources.findIndex((r) => r.name === "direct-invoke-permission"), 1);
        const reported = await runOnGraph(accessAlongEdges, graph);
        assert.match(reported[0].message, /"direct-fn" has no resource policy, so events\.amazonaws\.com cannot lambda:InvokeFunction/);
    });
});

/** A topic consumer: rule -> SNS topic (encrypted with the pattern key), as TopicConsumer writes it. */
function topicConsumer(opts: { sourceArn?: string | null; keyAdmitsEvents?: boolean } = {}) {
    const g = new GraphBuilder("test");
    const ruleArn = `arn:aws:events:${FIXTURE_REGION}:${FIXTURE_ACCOUNT}:rule/bus-1/fanout-rule`;
    const key = g.add(AWS.kmsKey, "key", { policy: doc(ROOT, ...(opts.keyAdmitsEvents === false ? [] : [{ Sid: "Events",
        Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*",
        Condition: ACCOUNT }])) });
    const topic = g.add(AWS.topic, "fanout-topic", { kmsMasterKeyId: key.arn }, { kmsMasterKeyId: [key] });
    const condition = opts.sourceArn === null ? ACCOUNT : { ArnEquals: { "aws:SourceArn": opts.sourceArn ?? ruleArn } };
    g.add(AWS.topicPolicy, "fanout-topic-policy", { arn: topic.arn, policy: doc(
        { Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: topic.arn, Condition: condition },
        tlsDeny("sns", topic.arn)) }, { arn: [topic], policy: [topic] });
    g.add(AWS.eventTarget, "fanout-target", { rule: "fanout-rule", eventBusName: "bus-1", arn: topic.arn }, { arn: [topic] });
    return g;
}

describe("topic consumers (rule -> SNS)", () => {
    test("pass with the topic policy scoped to the rule and the key admitting EventBridge", async () => {
        assert.deepEqual(await runOnGraph(accessAlongEdges, topicConsumer()), []);
    });
    test("flag a topic policy admitting another rule", async () => {
        const reported = await runOnGraph(accessAlongEdges, topicConsumer({ sourceArn: "arn:aws:events:us-east-1:123456789012:rule/bus-1/other" }));
        assert.match(reported[0].message, /the resource policy of aws:sns\/topic:Topic "fanout-topic" does not allow events\.amazonaws\.com sns:Publish \(request context aws:SourceArn=arn:aws:events:us-east-1:123456789012:rule\/bus-1\/fanout-rule/);
    });
    test("flag an encrypted topic whose key policy does not let EventBridge use the key", async () => {
        const reported = await runOnGraph(accessAlongEdges, topicConsumer({ keyAdmitsEvents: false }));
        assert.match(reported.map((r) => r.message).join("\n"), /"fanout-topic" \(its key\): the key policy of aws:kms\/key:Key "key" does not allow events\.amazonaws\.com kms:GenerateDataKey/);
    });
});
