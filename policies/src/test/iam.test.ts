import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { iamNoWildcardActions, iamWildcardResourceWrites } from "../policies/iam";
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
    test("flags writes on * (logs:CreateLogGroup is scoped, so it is a finding)", async () => {
        const [message] = await runOnResource(iamWildcardResourceWrites, rolePolicy(
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "logs:CreateLogGroup"], Resource: "*" }));
        assert.match(message, /allows s3:PutObject, logs:CreateLogGroup on Resource "\*"/);
    });
    test("takes the allow-list from config (replacing the default)", async () => {
        const xray = rolePolicy({ Effect: "Allow", Action: "xray:PutTraceSegments", Resource: "*" });
        assert.equal((await runOnResource(iamWildcardResourceWrites, xray, { wildcardOnlyActions: [] })).length, 1);
        const custom = rolePolicy({ Effect: "Allow", Action: "ssm:PutParameter", Resource: "*" });
        assert.deepEqual(await runOnResource(iamWildcardResourceWrites, custom, { wildcardOnlyActions: ["ssm:PutParameter"] }), []);
    });
});
