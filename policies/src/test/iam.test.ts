import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { iamNoWildcardActions, iamPassRoleScoped, iamResourceLevelActionsScoped, iamWildcardResourceWrites } from "../policies/iam";
import { doc, json, UNKNOWN_STRING } from "./helpers/documents";
import { runOnResource, single } from "./helpers/harness";

const rolePolicy = (...statements: Record<string, unknown>[]) => single(AWS.rolePolicy, { role: "r", policy: doc(...statements) }, "consumer-policy");

describe("iam-no-wildcard-actions", () => {
    test("passes specific actions, and Deny statements with wildcards", async () => {
        assert.deepEqual(await runOnResource(iamNoWildcardActions, rolePolicy(
            { Effect: "Allow", Action: ["sqs:ReceiveMessage", "s3:Get*"], Resource: "arn:aws:sqs:us-east-1:1:q" },
            { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } })), []);
    });
    test("flags * and service:* , naming the statement", async () => {
        const [first, second] = await runOnResource(iamNoWildcardActions, rolePolicy(
            { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" },
            { Effect: "Allow", Action: ["dynamodb:GetItem", "sqs:*"], Resource: "arn:aws:sqs:us-east-1:1:q" }));
        assert.match(first, /aws:iam\/rolePolicy:RolePolicy "consumer-policy": policy statement "Admin" allows \*: list the specific actions/);
        assert.match(second, /statement #2 allows sqs:\*/);
    });
    test("flags Allow with NotAction", async () => {
        assert.match((await runOnResource(iamNoWildcardActions, rolePolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })))[0],
            /uses Allow with NotAction/);
    });
    test("reads a role's inline policies and managed policies; not its trust policy", async () => {
        const role = single(AWS.role, {
            assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:*" }),
            inlinePolicies: [{ name: "inline", policy: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) }],
        });
        const messages = await runOnResource(iamNoWildcardActions, role);
        assert.equal(messages.length, 1);
        assert.match(messages[0], /inline policy "inline" statement #1 allows s3:\*/);
        assert.equal((await runOnResource(iamNoWildcardActions, single(AWS.iamPolicy, { policy: doc({ Effect: "Allow", Action: "kms:*", Resource: "*" }) }))).length, 1);
    });
    test("flags Allow with NotResource", async () => {
        assert.match((await runOnResource(iamNoWildcardActions, rolePolicy({ Effect: "Allow", Action: "sqs:SendMessage", NotResource: "arn:aws:sqs:us-east-1:1:q" })))[0],
            /uses Allow with NotResource, which allows the actions on every other resource/);
    });
    test("exempts configured actions", async () => {
        assert.deepEqual(await runOnResource(iamNoWildcardActions, rolePolicy({ Effect: "Allow", Action: "xray:*", Resource: "*" }),
            { exemptActions: ["xray:*"] }), []);
    });
    test("reports a broken document and defers an unknown one", async () => {
        assert.match((await runOnResource(iamNoWildcardActions, single(AWS.rolePolicy, { policy: json({ Statement: [{ Effect: "Maybe" }] }) })))[0],
            /policy has Statement\[0\] with Effect "Maybe"/);
        assert.deepEqual(await runOnResource(iamNoWildcardActions, single(AWS.rolePolicy, { policy: UNKNOWN_STRING })), []);
    });
});

describe("iam-wildcard-resource-writes (advisory)", () => {
    test("is advisory by default", () => {
        assert.equal(iamWildcardResourceWrites.enforcementLevel, "advisory");
    });
    test("passes reads on *, writes on ARNs, and the actions AWS only accepts on *", async () => {
        assert.deepEqual(await runOnResource(iamWildcardResourceWrites, rolePolicy(
            { Effect: "Allow", Action: ["s3:GetObject", "dynamodb:Query", "ec2:Describe*"], Resource: "*" },
            { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:1:q" },
            { Effect: "Allow", Action: ["xray:PutTraceSegments", "cloudwatch:PutMetricData"], Resource: "*" })), []);
    });
    test("flags writes on * of services outside the authorization table; those inside are iam-resource-level-actions-scoped's", async () => {
        const [message, ...rest] = await runOnResource(iamWildcardResourceWrites, rolePolicy(
            { Effect: "Allow", Action: ["ssm:GetParameter", "ssm:PutParameter", "s3:PutObject", "ec2:CreateNetworkInterface"], Resource: "*" }));
        assert.equal(rest.length, 0);
        assert.match(message, /allows ssm:PutParameter on Resource "\*"/);
    });
    test("takes the allow-list from config (replacing the default)", async () => {
        const eni = rolePolicy({ Effect: "Allow", Action: "ec2:CreateNetworkInterface", Resource: "*" });
        assert.equal((await runOnResource(iamWildcardResourceWrites, eni, { wildcardOnlyActions: [] })).length, 1);
        const custom = rolePolicy({ Effect: "Allow", Action: "ssm:PutParameter", Resource: "*" });
        assert.deepEqual(await runOnResource(iamWildcardResourceWrites, custom, { wildcardOnlyActions: ["ssm:PutParameter"] }), []);
    });
});

describe("iam-resource-level-actions-scoped (AWS's Service Authorization Reference)", () => {
    test("passes scoped grants, and the actions AWS only authorizes on * granted on *", async () => {
        assert.deepEqual(await runOnResource(iamResourceLevelActionsScoped, rolePolicy(
            { Effect: "Allow", Action: ["sqs:SendMessage", "sqs:Get*"], Resource: "arn:aws:sqs:us-east-1:1:q" },
            { Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "cloudwatch:PutMetricData", "states:SendTaskSuccess"], Resource: "*" },
            { Effect: "Allow", Action: ["logs:CreateLogDelivery", "logs:DescribeLogGroups", "sqs:ListQueues"], Resource: "*" },
            { Effect: "Allow", Action: "ssm:PutParameter", Resource: "*" })), []);
    });
    test("flags reads and writes on * that accept an ARN, naming the actions", async () => {
        const messages = await runOnResource(iamResourceLevelActionsScoped, rolePolicy(
            { Sid: "Wide", Effect: "Allow", Action: ["dynamodb:GetItem", "logs:CreateLogGroup"], Resource: "*" }));
        assert.equal(messages.length, 2);
        assert.match(messages[0], /"consumer-policy": policy statement "Wide" allows dynamodb:GetItem on Resource "\*", but dynamodb:GetItem accepts resource-level permissions/);
        assert.match(messages[1], /logs:CreateLogGroup on Resource "\*"/);
    });
    test("expands action wildcards against the service's actions", async () => {
        const [message] = await runOnResource(iamResourceLevelActionsScoped, rolePolicy({ Effect: "Allow", Action: "sns:Pub*", Resource: "*" }));
        assert.match(message, /allows sns:Pub\* on Resource "\*", but sns:Publish accepts/);
        // xray:Put* reaches only wildcard-only actions of X-Ray plus PutResourcePolicy? No: every xray:Put* is wildcard-only.
        assert.deepEqual(await runOnResource(iamResourceLevelActionsScoped, rolePolicy({ Effect: "Allow", Action: "xray:PutT*", Resource: "*" })), []);
    });
    test("flags a wildcard-only action granted on an ARN (it never matches)", async () => {
        const [message, ...rest] = await runOnResource(iamResourceLevelActionsScoped, rolePolicy(
            { Effect: "Allow", Action: "xray:PutTraceSegments", Resource: "arn:aws:xray:us-east-1:1:group/g" }));
        assert.equal(rest.length, 0);
        assert.match(message, /allows xray:PutTraceSegments only on arn:aws:xray:us-east-1:1:group\/g, but AWS authorizes xray:PutTraceSegments only on Resource "\*": the grant never matches/);
    });
    test("accepts Step Functions' task callbacks on the state machine ARN (AWS evaluates them there, despite the reference)", async () => {
        assert.deepEqual(await runOnResource(iamResourceLevelActionsScoped, rolePolicy(
            { Effect: "Allow", Action: ["states:SendTaskSuccess", "states:SendTaskFailure"], Resource: "arn:aws:states:us-east-1:1:stateMachine:wf" })), []);
    });
    test("flags an action name that does not exist", async () => {
        assert.match((await runOnResource(iamResourceLevelActionsScoped, rolePolicy({ Effect: "Allow", Action: "sqs:SendMessages", Resource: "arn:aws:sqs:us-east-1:1:q" })))[0],
            /names sqs:SendMessages, which is no action of sqs/);
    });
    test("takes exemptions from config", async () => {
        assert.deepEqual(await runOnResource(iamResourceLevelActionsScoped, rolePolicy({ Effect: "Allow", Action: "logs:CreateLogGroup", Resource: "*" }),
            { exemptActions: ["logs:CreateLogGroup"] }), []);
    });
});

describe("iam-passrole-scoped", () => {
    const passedTo = { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } };
    test("passes PassRole on a named role with iam:PassedToService", async () => {
        assert.deepEqual(await runOnResource(iamPassRoleScoped, rolePolicy(
            { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/fn", Condition: passedTo })), []);
    });
    test("flags PassRole on * and without iam:PassedToService", async () => {
        const messages = await runOnResource(iamPassRoleScoped, rolePolicy({ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }));
        assert.equal(messages.length, 2);
        assert.match(messages[0], /statement "Pass" allows iam:PassRole on every role \(\*\): name the role ARNs/);
        assert.match(messages[1], /without an iam:PassedToService condition/);
    });
    test("catches PassRole through wildcards (iam:Pass*, iam:*) and every-role ARNs", async () => {
        assert.equal((await runOnResource(iamPassRoleScoped, rolePolicy({ Effect: "Allow", Action: "iam:Pass*", Resource: "arn:aws:iam::123456789012:role/*", Condition: passedTo }))).length, 1);
        assert.equal((await runOnResource(iamPassRoleScoped, rolePolicy({ Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::123456789012:role/x" }))).length, 1);
    });
});
