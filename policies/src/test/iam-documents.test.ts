import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { actionMatches, isAccountRoot, isReadOnlyAction, isTlsOnlyDeny, parsePolicyDocument, principalsOf, type Statement } from "../lib/iam-documents";
import { doc, json, tlsDeny } from "./helpers/documents";

function statements(document: string | object): Statement[] {
    const parsed = parsePolicyDocument(document);
    assert.ok(parsed.ok, json(parsed));
    return parsed.value;
}

describe("parsePolicyDocument", () => {
    test("normalizes single values to lists, from a JSON string or an object", () => {
        const [s] = statements({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Principal: { AWS: "123456789012" } } });
        assert.deepEqual(s.actions, ["s3:GetObject"]);
        assert.deepEqual(s.resources, ["*"]);
        assert.deepEqual(principalsOf(s), ["AWS:123456789012"]);
        assert.equal(statements(doc({ Effect: "Deny", Action: ["a:b"], Principal: "*" }))[0].principal, "*");
    });
    test("reports what is wrong with a broken document", () => {
        for (const [input, error] of [["{", /not valid JSON/], [json({}), /has no Statement/], [json({ Statement: [1] }), /Statement\[0\] that is not an object/],
            [json({ Statement: [{ Effect: "allow" }] }), /Effect "allow"/], [42, /must be a JSON document/]] as const) {
            const parsed = parsePolicyDocument(input);
            assert.ok(!parsed.ok && !parsed.unknown);
            assert.match(parsed.ok || parsed.unknown ? "" : parsed.error, error);
        }
    });
});

describe("action helpers", () => {
    test("actionMatches is IAM's case-insensitive glob", () => {
        assert.ok(actionMatches("sqs:*", "SQS:SendMessage"));
        assert.ok(actionMatches("*", "sns:Publish"));
        assert.ok(actionMatches("sns:Pub?ish", "sns:Publish"));
        assert.ok(!actionMatches("sqs:Send*", "sqs:*"));
        assert.ok(!actionMatches("s3:Get.Object", "s3:GetxObject"), "dots are literal");
    });
    test("isReadOnlyAction knows read verbs, and treats anything unsure as a write", () => {
        for (const a of ["s3:GetObject", "dynamodb:Query", "ec2:Describe*", "s3:List*", "dynamodb:BatchGetItem"]) {
            assert.ok(isReadOnlyAction(a), a);
        }
        for (const a of ["s3:PutObject", "s3:*", "*", "s3:*Object", "sqs:ReceiveMessage", "logs:CreateLogGroup", "s3:Getaway"]) {
            assert.ok(!isReadOnlyAction(a), a);
        }
    });
    test("isAccountRoot accepts the root ARN and a bare account id only", () => {
        assert.ok(isAccountRoot("arn:aws:iam::123456789012:root"));
        assert.ok(isAccountRoot("arn:aws-us-gov:iam::123456789012:root"));
        assert.ok(isAccountRoot("123456789012"));
        assert.ok(!isAccountRoot("arn:aws:iam::123456789012:role/root"));
    });
});

describe("isTlsOnlyDeny", () => {
    const deny = (overrides: Record<string, unknown>) => statements(doc({ ...tlsDeny("sqs"), ...overrides }))[0];
    test("accepts the canonical statement, BoolIfExists, {AWS: *} and Action *", () => {
        assert.ok(isTlsOnlyDeny(deny({}), ["sqs:*"]));
        assert.ok(isTlsOnlyDeny(deny({ Condition: { BoolIfExists: { "aws:SecureTransport": false } } }), ["sqs:*"]));
        assert.ok(isTlsOnlyDeny(deny({ Principal: { AWS: "*" }, Action: "*" }), ["sqs:*"]));
        assert.ok(isTlsOnlyDeny(deny({ Action: ["sns:Publish", "sns:Subscribe"] }), ["sns:Publish"]));
    });
    test("rejects Allow, a narrower principal or action, a true condition, and extra conditions", () => {
        assert.ok(!isTlsOnlyDeny(deny({ Effect: "Allow" }), ["sqs:*"]));
        assert.ok(!isTlsOnlyDeny(deny({ Principal: { AWS: "arn:aws:iam::1:root" } }), ["sqs:*"]));
        assert.ok(!isTlsOnlyDeny(deny({ Action: "sqs:SendMessage" }), ["sqs:*"]));
        assert.ok(!isTlsOnlyDeny(deny({ Action: "sns:Subscribe" }), ["sns:Publish"]));
        assert.ok(!isTlsOnlyDeny(deny({ Condition: { Bool: { "aws:SecureTransport": "true" } } }), ["sqs:*"]));
        assert.ok(!isTlsOnlyDeny(deny({ Condition: { Bool: { "aws:SecureTransport": "false", "aws:ViaAWSService": "false" } } }), ["sqs:*"]));
    });
});
