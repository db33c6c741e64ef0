import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { iamTrustPolicyScoped, lambdaPermissionScoped, resourcePolicyScoped } from "../policies/resource-policies";
import { doc, UNKNOWN_STRING } from "./helpers/documents";
import { GraphBuilder } from "./helpers/graph-builder";
import { runOnGraph, runOnResource, single } from "./helpers/harness";

const ACCOUNT = { StringEquals: { "aws:SourceAccount": "123456789012" } };

describe("resource-policy-scoped", () => {
    const queuePolicy = (...statements: Record<string, unknown>[]) => single(AWS.queuePolicy, { queueUrl: "u", policy: doc(...statements) }, "orders-queue-policy");
    test("passes a service scoped by aws:SourceArn or aws:SourceAccount, the account root, and everyone scoped to an organisation", async () => {
        assert.deepEqual(await runOnResource(resourcePolicyScoped, queuePolicy(
            { Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*",
                Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:us-east-1:123456789012:rule/r" } } },
            { Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*", Condition: ACCOUNT },
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sqs:*", Resource: "*" },
            { Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } },
            { Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "*" })), []);
    });
    test("flags a queue policy letting any principal sqs:SendMessage, naming the statement", async () => {
        const [message, ...rest] = await runOnResource(resourcePolicyScoped, queuePolicy({ Sid: "Open", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }));
        assert.equal(rest.length, 0);
        assert.match(message, /QueuePolicy "orders-queue-policy": policy statement "Open" allows sqs:SendMessage to everyone \(Principal "\*"\) with no scoping condition/);
    });
    test("flags a topic policy letting {\"AWS\": \"*\"} publish and a key policy letting it decrypt", async () => {
        const topic = single(AWS.topicPolicy, { arn: "t", policy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: "*" }) });
        assert.equal((await runOnResource(resourcePolicyScoped, topic)).length, 1);
        const key = single(AWS.kmsKey, { policy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" }) });
        assert.equal((await runOnResource(resourcePolicyScoped, key)).length, 1);
        // An IfExists or negated condition does not scope: the key can be absent.
        const ifExists = single(AWS.bucketPolicy, { bucket: "b", policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*",
            Condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-1" } } }) });
        assert.equal((await runOnResource(resourcePolicyScoped, ifExists)).length, 1);
    });
    test("flags a service principal without a source condition, in every resource-policy holder", async () => {
        for (const type of [AWS.queue, AWS.topic, AWS.kmsKey, AWS.kmsKeyPolicy, AWS.bucketPolicy, AWS.eventBusPolicy]) {
            const r = single(type, { policy: doc({ Effect: "Allow", Principal: { Service: ["cloudwatch.amazonaws.com"] }, Action: "x:Y", Resource: "*" }) });
            const [message] = await runOnResource(resourcePolicyScoped, r);
            assert.match(message ?? "", /allows the service cloudwatch\.amazonaws\.com without aws:SourceArn or aws:SourceAccount/, type);
        }
    });
    test("allows the service principals AWS gives no source context (configurable), and KMS's kms:CallerAccount scoping", async () => {
        const ec2 = single(AWS.kmsKey, { policy: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*" }) });
        assert.deepEqual(await runOnResource(resourcePolicyScoped, ec2), []);
        assert.equal((await runOnResource(resourcePolicyScoped, ec2, { unscopedServicePrincipals: [] })).length, 1);
        const managed = single(AWS.kmsKey, { policy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "sqs.us-east-1.amazonaws.com" } } }) });
        assert.deepEqual(await runOnResource(resourcePolicyScoped, managed), []);
    });
    test("allows EventBridge's unconditioned kms:DescribeKey (AWS's example: it validates the key with no source), nothing more", async () => {
        const describeKey = (actions: string[]) => single(AWS.kmsKey, { policy: doc({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: actions, Resource: "*" }) });
        assert.deepEqual(await runOnResource(resourcePolicyScoped, describeKey(["kms:DescribeKey"])), []);
        assert.equal((await runOnResource(resourcePolicyScoped, describeKey(["kms:DescribeKey", "kms:Decrypt"]))).length, 1);
    });
    test("defers an unknown document and reports a broken one", async () => {
        assert.deepEqual(await runOnResource(resourcePolicyScoped, single(AWS.queuePolicy, { policy: UNKNOWN_STRING })), []);
        assert.match((await runOnResource(resourcePolicyScoped, single(AWS.topicPolicy, { policy: "{" })))[0], /policy is not valid JSON/);
    });
});

describe("lambda-permission-scoped", () => {
    const permission = (inputs: Record<string, unknown>) => single(AWS.lambdaPermission, { action: "lambda:InvokeFunction", functionName: "f", ...inputs }, "invoke");
    test("passes a service with sourceArn, an account principal, and an IAM-authenticated function URL", async () => {
        assert.deepEqual(await runOnResource(lambdaPermissionScoped, permission({ principal: "sns.amazonaws.com", sourceArn: "arn:aws:sns:us-east-1:1:t" })), []);
        assert.deepEqual(await runOnResource(lambdaPermissionScoped, permission({ principal: "123456789012" })), []);
        assert.deepEqual(await runOnResource(lambdaPermissionScoped, permission({ principal: "*", functionUrlAuthType: "AWS_IAM" })), []);
    });
    test("flags a service without sourceArn, and everyone without any scope", async () => {
        assert.match((await runOnResource(lambdaPermissionScoped, permission({ principal: "s3.amazonaws.com" })))[0],
            /Permission "invoke" lets the service s3\.amazonaws\.com invoke the function with no sourceArn or sourceAccount/);
        assert.match((await runOnResource(lambdaPermissionScoped, permission({ principal: "*" })))[0], /lets everyone \(principal "\*"\) invoke/);
    });
});

describe("iam-trust-policy-scoped", () => {
    function roles(...trusts: Record<string, unknown>[]) {
        const g = new GraphBuilder("test");
        // A reference to one of the stack's own resources tells the pack the stack's account.
        const q = g.add(AWS.queue, "q", {});
        g.add(AWS.eventTarget, "t", { arn: q.arn }, { arn: [q] });
        trusts.forEach((t, i) => g.add(AWS.role, `role-${i}`, { assumeRolePolicy: doc({ Effect: "Allow", Action: "sts:AssumeRole", ...t }) }));
        return g;
    }
    test("passes services with aws:SourceAccount (sts:ExternalId for Firehose), the stack's own account, trustedAccounts", async () => {
        assert.deepEqual(await runOnGraph(iamTrustPolicyScoped, roles(
            { Principal: { Service: "events.amazonaws.com" }, Condition: ACCOUNT },
            { Principal: { Service: "firehose.amazonaws.com" }, Condition: { StringEquals: { "sts:ExternalId": "123456789012" } } },
            { Principal: { AWS: "arn:aws:iam::123456789012:role/deployer" } },
            { Principal: { AWS: "222222222222" } }), { trustedAccounts: ["222222222222"] }), []);
    });
    test("flags a trust policy any AWS account can assume", async () => {
        const [r] = await runOnGraph(iamTrustPolicyScoped, roles({ Principal: { AWS: "*" } }));
        assert.equal(r.resource, "role-0");
        assert.match(r.message, /Role "role-0": trust policy statement #1 allows sts:AssumeRole \(assume the role\) to everyone/);
    });
    test("flags an account outside the stack and the allow-list", async () => {
        const [r] = await runOnGraph(iamTrustPolicyScoped, roles({ Principal: { AWS: "arn:aws:iam::999999999999:root" } }));
        assert.match(r.message, /lets account 999999999999 \(arn:aws:iam::999999999999:root\) assume the role, and that account is neither the stack's nor in trustedAccounts/);
    });
    test("flags a service without a source condition, and an identity provider without conditions", async () => {
        const reported = await runOnGraph(iamTrustPolicyScoped, roles(
            { Principal: { Service: "lambda.amazonaws.com" } },
            { Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity" }));
        assert.deepEqual(reported.map((r) => r.resource), ["role-0", "role-1"]);
        assert.match(reported[0].message, /allows the service lambda\.amazonaws\.com without aws:SourceArn or aws:SourceAccount/);
        assert.match(reported[1].message, /trusts the identity provider .* with no condition on the token's audience and subject/);
    });
});
