/**
 * access-along-edges: one small graph per kind of edge, each passing as written and failing with the one change
 * that breaks it on AWS. The graphs use the ARNs AWS would give (GraphBuilder), linked as a program links them.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { accessAlongEdges } from "../policies/access";
import { doc, tlsDeny, UNKNOWN_STRING } from "./helpers/documents";
import { FIXTURE_ACCOUNT, FIXTURE_REGION, GraphBuilder, type Ref } from "./helpers/graph-builder";
import { runOnGraph } from "./helpers/harness";

const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${FIXTURE_ACCOUNT}:root` }, Action: "kms:*", Resource: "*" };
const ACCOUNT = { StringEquals: { "aws:SourceAccount": FIXTURE_ACCOUNT } };
const serviceKeyUse = (...services: string[]) => ({ Sid: "Services", Effect: "Allow", Principal: { Service: services },
    Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*", Condition: ACCOUNT });

function key(g: GraphBuilder, ...statements: Record<string, unknown>[]): Ref {
    return g.add(AWS.kmsKey, "key", { policy: doc(ROOT, ...statements) });
}

function role(g: GraphBuilder, name: string, ...statements: Record<string, unknown>[]): Ref {
    const r = g.add(AWS.role, name, { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sts:AssumeRole" }) });
    if (statements.length > 0) {
        g.add(AWS.rolePolicy, `${name}-policy`, { role: r.physicalName, policy: doc(...statements) }, { role: [r] });
    }
    return r;
}

/** EventBridge → an encrypted queue, admitted by its queue policy (scoped to the rule) and by the key policy. */
function busToQueue(opts: { queuePolicy?: Record<string, unknown>[]; keyStatements?: Record<string, unknown>[]; kmsMasterKeyId?: string } = {}) {
    const g = new GraphBuilder("test");
    const k = key(g, ...(opts.keyStatements ?? [serviceKeyUse("events.amazonaws.com")]));
    const queue = g.add(AWS.queue, "orders-queue", { kmsMasterKeyId: opts.kmsMasterKeyId ?? k.arn }, opts.kmsMasterKeyId ? {} : { kmsMasterKeyId: [k] });
    const ruleArn = `arn:aws:events:${FIXTURE_REGION}:${FIXTURE_ACCOUNT}:rule/bus-1/orders-rule`;
    g.add(AWS.queuePolicy, "orders-queue-policy", { queueUrl: queue.url, policy: doc(...(opts.queuePolicy ?? [
        { Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: queue.arn,
            Condition: { ArnEquals: { "aws:SourceArn": ruleArn } } },
        tlsDeny("sqs", queue.arn)])) }, { queueUrl: [queue], policy: [queue] });
    g.add(AWS.eventTarget, "orders-target", { rule: "orders-rule", eventBusName: "bus-1", arn: queue.arn }, { arn: [queue] });
    return g;
}

const names = (reported: { resource?: string }[]) => [...new Set(reported.map((r) => r.resource))];

describe("access-along-edges: EventBridge -> SQS", () => {
    test("passes a queue policy scoped to the rule (TLS-only deny included) and a key policy admitting EventBridge", async () => {
        assert.deepEqual(await runOnGraph(accessAlongEdges, busToQueue()), []);
    });
    test("flags a queue policy scoped to another rule, naming the target and the request's source", async () => {
        const g = busToQueue({ queuePolicy: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*",
            Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:us-east-1:123456789012:rule/bus-1/other" } } }] });
        const [r, ...rest] = await runOnGraph(accessAlongEdges, g);
        assert.equal(rest.length, 0);
        assert.equal(r.resource, "orders-target");
        assert.match(r.message, /the resource policy of aws:sqs\/queue:Queue "orders-queue" does not allow events\.amazonaws\.com sqs:SendMessage \(request context aws:SourceArn=arn:aws:events:us-east-1:123456789012:rule\/bus-1\/orders-rule/);
    });
    test("flags a queue without a queue policy", async () => {
        const reported = await runOnGraph(accessAlongEdges, busToQueue({ queuePolicy: [tlsDeny("sqs")] }));
        assert.match(reported[0].message, /does not allow events\.amazonaws\.com sqs:SendMessage/);
    });
    test("flags a key policy that does not admit EventBridge (both key actions)", async () => {
        const reported = await runOnGraph(accessAlongEdges, busToQueue({ keyStatements: [serviceKeyUse("sns.amazonaws.com")] }));
        assert.equal(reported.length, 2);
        assert.match(reported[0].message, /\(its key\): the key policy of aws:kms\/key:Key "key" does not allow events\.amazonaws\.com kms:GenerateDataKey/);
        assert.match(reported[1].message, /kms:Decrypt/);
    });
    test("flags a queue encrypted with the AWS managed key, which no other service can use", async () => {
        const reported = await runOnGraph(accessAlongEdges, busToQueue({ kmsMasterKeyId: "alias/aws/sqs" }));
        assert.match(reported[0].message, /encrypted with the AWS managed key of sqs, whose key policy admits only its own service/);
    });
    test("defers an unknown queue policy (preview) instead of failing", async () => {
        const g = new GraphBuilder("test");
        const queue = g.add(AWS.queue, "q", {});
        g.add(AWS.queuePolicy, "q-policy", { queueUrl: queue.url, policy: UNKNOWN_STRING }, { queueUrl: [queue] });
        g.add(AWS.eventTarget, "t", { rule: "r", arn: queue.arn }, { arn: [queue] });
        assert.deepEqual(await runOnGraph(accessAlongEdges, g), []);
    });
});

/** EventBridge → a state machine encrypted with a customer key, started by the target's role. */
function busToWorkflow(roleStatements: Record<string, unknown>[], logging = "OFF", keyStatements: Record<string, unknown>[] = []) {
    const g = new GraphBuilder("test");
    const k = key(g, ...keyStatements);
    const machineRole = role(g, "machine-role");
    const machine = g.add(AWS.stateMachine, "workflow", {
        roleArn: machineRole.arn, definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } }),
        encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: k.arn }, loggingConfiguration: { level: logging },
    }, { roleArn: [machineRole], encryptionConfiguration: [k] });
    const trigger = role(g, "trigger-role", ...roleStatements);
    g.add(AWS.eventTarget, "trigger", { rule: "start", arn: machine.arn, roleArn: trigger.arn }, { arn: [machine], roleArn: [trigger] });
    return { g, machine, k };
}

describe("access-along-edges: EventBridge -> Step Functions (the workflow that could never start)", () => {
    const start = (arn: string) => ({ Effect: "Allow", Action: "states:StartExecution", Resource: arn });
    test("passes a role with states:StartExecution and the state machine's key actions", async () => {
        const probe = busToWorkflow([]);
        const { g } = busToWorkflow([start(probe.machine.arn), { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: probe.k.arn }]);
        assert.deepEqual(await runOnGraph(accessAlongEdges, g), []);
    });
    test("flags a role with only states:StartExecution: it lacks the key", async () => {
        const probe = busToWorkflow([]);
        const reported = await runOnGraph(accessAlongEdges, busToWorkflow([start(probe.machine.arn)]).g);
        assert.deepEqual(names(reported), ["trigger"]);
        assert.match(reported[0].message, /-> aws:sfn\/stateMachine:StateMachine "workflow" \(its key\): arn:aws:iam::123456789012:role\/trigger-role-1a2b3c4 has no kms:GenerateDataKey on aws:kms\/key:Key "key"/);
    });
    test("flags a target with no role, and a role without StartExecution", async () => {
        const { g } = busToWorkflow([]);
        const reported = await runOnGraph(accessAlongEdges, g);
        assert.match(reported[0].message, /has no states:StartExecution on arn:aws:states:us-east-1:123456789012:stateMachine:workflow-1a2b3c4 in its identity policy/);
    });
    test("a logging, encrypted state machine needs the key policy to admit delivery.logs.amazonaws.com", async () => {
        const probe = busToWorkflow([]);
        const grants = [start(probe.machine.arn), { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: probe.k.arn }];
        const reported = await runOnGraph(accessAlongEdges, busToWorkflow(grants, "ERROR").g);
        assert.deepEqual(names(reported), ["workflow"]);
        assert.match(reported[0].message, /log delivery of .* -> its key: the key policy .* does not allow delivery\.logs\.amazonaws\.com kms:Decrypt/);
        assert.deepEqual(await runOnGraph(accessAlongEdges, busToWorkflow(grants, "ERROR", [serviceKeyUse("delivery.logs.amazonaws.com")]).g), []);
    });
});

describe("access-along-edges: SNS subscriptions, alarms, Lambda consumers", () => {
    function topicWith(subscribe: (g: GraphBuilder, topic: Ref, k: Ref) => void, keyServices = ["sns.amazonaws.com", "cloudwatch.amazonaws.com"]) {
        const g = new GraphBuilder("test");
        const k = key(g, serviceKeyUse(...keyServices));
        const topic = g.add(AWS.topic, "alerts", { kmsMasterKeyId: k.arn }, { kmsMasterKeyId: [k] });
        g.add(AWS.topicPolicy, "alerts-policy", { arn: topic.arn, policy: doc(
            { Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: topic.arn, Condition: ACCOUNT },
            tlsDeny("sns", topic.arn)) }, { arn: [topic], policy: [topic] });
        subscribe(g, topic, k);
        return g;
    }
    test("an SNS lambda subscription needs a permission for sns.amazonaws.com scoped to the topic", async () => {
        const build = (withPermission: boolean) => topicWith((g, topic) => {
            const fn = g.add(AWS.lambdaFunction, "notify", { role: "arn:aws:iam::123456789012:role/x" });
            g.add(AWS.topicSubscription, "notify-sub", { topic: topic.arn, protocol: "lambda", endpoint: fn.arn }, { topic: [topic], endpoint: [fn] });
            if (withPermission) {
                g.add(AWS.lambdaPermission, "notify-from-sns", { action: "lambda:InvokeFunction", principal: "sns.amazonaws.com", functionName: fn.physicalName,
                    sourceArn: topic.arn }, { functionName: [fn], sourceArn: [topic] });
            }
        });
        assert.deepEqual(await runOnGraph(accessAlongEdges, build(true)), []);
        const [r] = await runOnGraph(accessAlongEdges, build(false));
        assert.equal(r.resource, "notify-sub");
        assert.match(r.message, /aws:lambda\/function:Function "notify" has no resource policy, so sns\.amazonaws\.com cannot lambda:InvokeFunction/);
    });
    test("an SNS sqs subscription needs the queue policy and the queue's key to admit SNS", async () => {
        const build = (queueStatements: Record<string, unknown>[]) => topicWith((g, topic, k) => {
            const q = g.add(AWS.queue, "inbox", { kmsMasterKeyId: k.arn }, { kmsMasterKeyId: [k] });
            g.add(AWS.queuePolicy, "inbox-policy", { queueUrl: q.url, policy: doc(tlsDeny("sqs"), ...queueStatements) }, { queueUrl: [q] });
            g.add(AWS.topicSubscription, "inbox-sub", { topic: topic.arn, protocol: "sqs", endpoint: q.arn }, { topic: [topic], endpoint: [q] });
        });
        const admit = { Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*", Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:alerts-1a2b3c4" } } };
        assert.deepEqual(await runOnGraph(accessAlongEdges, build([admit])), []);
        assert.match((await runOnGraph(accessAlongEdges, build([])))[0].message, /"inbox" does not allow sns\.amazonaws\.com sqs:SendMessage/);
    });
    test("a CloudWatch alarm publishing to an encrypted topic needs the key policy to admit cloudwatch.amazonaws.com", async () => {
        const build = (services: string[]) => topicWith((g, topic) => {
            g.add(AWS.metricAlarm, "dlq-alarm", { name: "test-dlq-alarm", alarmActions: [topic.arn] }, { alarmActions: [topic] });
        }, services);
        assert.deepEqual(await runOnGraph(accessAlongEdges, build(["cloudwatch.amazonaws.com"])), []);
        const reported = await runOnGraph(accessAlongEdges, build(["sns.amazonaws.com"]));
        assert.deepEqual(names(reported), ["dlq-alarm"]);
        assert.match(reported[0].message, /does not allow cloudwatch\.amazonaws\.com kms:GenerateDataKey/);
    });
    test("a Lambda consumer's role needs the queue actions and kms:Decrypt on the queue's key; a grant to publish needs the topic's key", async () => {
        const build = (statements: Record<string, unknown>[]) => {
            const g = topicWith(() => undefined);
            const k = g.build().resources.find((r) => r.type === AWS.kmsKey)!;
            const keyArn = `arn:aws:kms:us-east-1:123456789012:key/${k.name}-1a2b3c4`;
            const keyRef = { urn: k.urn, type: k.type, name: k.name, arn: keyArn, physicalName: "", url: "" };
            const q = g.add(AWS.queue, "work", { kmsMasterKeyId: keyArn }, { kmsMasterKeyId: [keyRef] });
            const r = role(g, "fn-role", ...statements);
            const fn = g.add(AWS.lambdaFunction, "consumer", { role: r.arn }, { role: [r] });
            g.add(AWS.eventSourceMapping, "consumer-mapping", { eventSourceArn: q.arn, functionName: fn.arn }, { eventSourceArn: [q], functionName: [fn] });
            return { g, q, keyArn };
        };
        const probe = build([]);
        const consume = { Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: probe.q.arn };
        const publish = { Effect: "Allow", Action: "sns:Publish", Resource: "arn:aws:sns:us-east-1:123456789012:alerts-1a2b3c4" };
        assert.deepEqual(await runOnGraph(accessAlongEdges, build([consume, { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: probe.keyArn }, publish]).g), []);
        const noKey = await runOnGraph(accessAlongEdges, build([consume, publish]).g);
        assert.deepEqual(names(noKey).sort(), ["consumer", "consumer-mapping"]);
        assert.match(noKey.find((r) => r.resource === "consumer-mapping")!.message, /SQS event source .* has no kms:Decrypt on aws:kms\/key:Key "key"/);
        assert.match(noKey.map((r) => r.message).join("\n"), /Lambda function .* -> aws:sns\/topic:Topic "alerts" \(its key\): .* has no kms:GenerateDataKey/);
    });
});

describe("access-along-edges: Firehose -> S3, Logs -> KMS, Step Functions tasks, explicit denies", () => {
    test("Firehose's role needs Firehose's documented S3 actions and the key", async () => {
        const build = (actions: string[]) => {
            const g = new GraphBuilder("test");
            const k = key(g);
            const bucket = g.add(AWS.buckets[0], "audit", {});
            const r = role(g, "firehose-role", { Effect: "Allow", Action: actions, Resource: [bucket.arn, `${bucket.arn}/*`] },
                { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: k.arn });
            g.add(AWS.firehose, "stream", { extendedS3Configuration: { bucketArn: bucket.arn, roleArn: r.arn, kmsKeyArn: k.arn, prefix: "events/!{timestamp:yyyy}/" } },
                { extendedS3Configuration: [bucket, r, k] });
            return g;
        };
        const all = ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"];
        assert.deepEqual(await runOnGraph(accessAlongEdges, build(all)), []);
        const reported = await runOnGraph(accessAlongEdges, build(["s3:PutObject"]));
        assert.equal(reported.length, 5);
        assert.match(reported.map((r) => r.message).join("\n"), /has no s3:ListBucketMultipartUploads on arn:aws:s3:::audit-1a2b3c4 /);
    });
    test("a log group's key must admit logs.<region>.amazonaws.com for that log group", async () => {
        const build = (logGroupPattern: string) => {
            const g = new GraphBuilder("test");
            const k = key(g, { Effect: "Allow", Principal: { Service: "logs.us-east-1.amazonaws.com" },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"], Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroupPattern } } });
            g.add(AWS.logGroup, "fn-logs", { name: "/edp/test/fn", kmsKeyId: k.arn }, { kmsKeyId: [k] });
            return g;
        };
        assert.deepEqual(await runOnGraph(accessAlongEdges, build("arn:aws:logs:us-east-1:123456789012:log-group:/edp/test/*")), []);
        const reported = await runOnGraph(accessAlongEdges, build("arn:aws:logs:us-east-1:123456789012:log-group:/other/*"));
        assert.equal(reported.length, 4);
        assert.match(reported[0].message, /CloudWatch Logs .*"fn-logs" -> its key: the key policy .* does not allow logs\.us-east-1\.amazonaws\.com kms:Encrypt .*kms:EncryptionContext:aws:logs:arn=arn:aws:logs:us-east-1:123456789012:log-group:\/edp\/test\/fn/);
    });
    test("each Step Functions task needs its action on its ARN (aliases included), with the state machine's role", async () => {
        const build = (statements: Record<string, unknown>[]) => {
            const g = new GraphBuilder("test");
            const fn = g.add(AWS.lambdaFunction, "step", {});
            const topic = g.add(AWS.topic, "approvals", {});
            const r = role(g, "machine-role", ...statements);
            const definition = { StartAt: "A", States: {
                A: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: `${fn.arn}:live` }, Next: "P" },
                P: { Type: "Parallel", Branches: [{ StartAt: "B", States: { B: { Type: "Task", Resource: "arn:aws:states:::sns:publish.waitForTaskToken",
                    Parameters: { TopicArn: topic.arn, "Message.$": "$" }, End: true } } }], End: true } } };
            g.add(AWS.stateMachine, "machine", { roleArn: r.arn, definition: JSON.stringify(definition) }, { roleArn: [r], definition: [fn, topic] });
            return { g, fn, topic };
        };
        const probe = build([]);
        assert.deepEqual(await runOnGraph(accessAlongEdges, build([{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: [probe.fn.arn, `${probe.fn.arn}:*`] },
            { Effect: "Allow", Action: "sns:Publish", Resource: probe.topic.arn }]).g), []);
        const reported = await runOnGraph(accessAlongEdges, build([{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: probe.fn.arn }]).g);
        assert.equal(reported.length, 2);
        assert.match(reported[0].message, /has no lambda:InvokeFunction on arn:aws:lambda:us-east-1:123456789012:function:step-1a2b3c4:live/);
        assert.match(reported[1].message, /has no sns:Publish/);
    });
    test("S3 server access logging needs the target's bucket policy to admit logging.s3.amazonaws.com for the source bucket", async () => {
        const build = (sourceArn: string) => {
            const g = new GraphBuilder("test");
            const logs = g.add(AWS.buckets[0], "logs", {});
            g.add(AWS.bucketPolicy, "logs-policy", { bucket: logs.physicalName, policy: doc(tlsDeny("s3"), { Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${logs.arn}/*`,
                Condition: { ArnLike: { "aws:SourceArn": sourceArn } } }) }, { bucket: [logs] });
            g.add(AWS.bucketLoggings[0], "data-logging", { bucket: "data-1a2b3c4", targetBucket: logs.physicalName, targetPrefix: "data/" }, { targetBucket: [logs] });
            return g;
        };
        assert.deepEqual(await runOnGraph(accessAlongEdges, build("arn:aws:s3:::data-1a2b3c4")), []);
        const [r] = await runOnGraph(accessAlongEdges, build("arn:aws:s3:::other"));
        assert.equal(r.resource, "data-logging");
        assert.match(r.message, /does not allow logging\.s3\.amazonaws\.com s3:PutObject \(request context aws:SourceArn=arn:aws:s3:::data-1a2b3c4/);
    });
    test("an explicit Deny in the destination's policy refuses the edge", async () => {
        const g = busToQueue({ queuePolicy: [
            { Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*", Condition: ACCOUNT },
            { Sid: "NoEvents", Effect: "Deny", Principal: "*", Action: "sqs:SendMessage", Resource: "*", Condition: { StringEquals: { "aws:PrincipalServiceName": "events.amazonaws.com" } } }] });
        // aws:PrincipalServiceName is not in the request context the pack builds, so that Deny does not match: still admitted.
        assert.deepEqual(await runOnGraph(accessAlongEdges, g), []);
        const denied = busToQueue({ queuePolicy: [
            { Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*", Condition: ACCOUNT },
            { Sid: "NoEvents", Effect: "Deny", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:*", Resource: "*" }] });
        assert.match((await runOnGraph(accessAlongEdges, denied))[0].message, /denies events\.amazonaws\.com sqs:SendMessage \(statement "NoEvents"\)/);
    });
});
