import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parsePolicyDocument, type Statement } from "../lib/iam-documents";
import { evaluateCondition, globMatches, judge, type AccessRequest } from "../lib/policy-eval";
import { doc } from "./helpers/documents";

const statements = (...s: Record<string, unknown>[]): Statement[] => {
    const parsed = parsePolicyDocument(doc(...s));
    assert.ok(parsed.ok);
    return parsed.value;
};

const events: AccessRequest = {
    principal: { kind: "service", service: "events.amazonaws.com" }, action: "sqs:SendMessage",
    resource: "arn:aws:sqs:us-east-1:123456789012:q",
    context: { "aws:SourceArn": "arn:aws:events:us-east-1:123456789012:rule/bus/r", "aws:SourceAccount": "123456789012", "aws:SecureTransport": "true" },
};
const role: AccessRequest = {
    principal: { kind: "role", arn: "arn:aws:iam::123456789012:role/fn", account: "123456789012" }, action: "kms:Decrypt",
    resource: "arn:aws:kms:us-east-1:123456789012:key/k", context: { "aws:SecureTransport": "true" },
};

describe("IAM evaluation of one request", () => {
    test("ARN globs are case-sensitive, * and ? as IAM reads them", () => {
        assert.ok(globMatches("arn:aws:sqs:*:123456789012:q?", "arn:aws:sqs:us-east-1:123456789012:q1"));
        assert.ok(!globMatches("arn:aws:sqs:*:*:Q", "arn:aws:sqs:us-east-1:1:q"));
    });
    test("conditions: equality, ARN patterns, a missing key fails positive and satisfies negated operators, IfExists, Null", () => {
        const ctx = { "aws:SourceArn": "arn:aws:events:us-east-1:1:rule/r" };
        assert.equal(evaluateCondition("ArnLike", "aws:sourcearn", ["arn:aws:events:*:1:rule/*"], ctx), true);
        assert.equal(evaluateCondition("ArnEquals", "aws:SourceArn", ["arn:aws:events:us-east-1:1:rule/other"], ctx), false);
        assert.equal(evaluateCondition("StringEquals", "aws:SourceAccount", ["1"], ctx), false);
        assert.equal(evaluateCondition("StringNotEquals", "aws:SourceAccount", ["1"], ctx), true);
        assert.equal(evaluateCondition("StringEqualsIfExists", "aws:SourceAccount", ["1"], ctx), true);
        assert.equal(evaluateCondition("Null", "aws:SourceAccount", ["true"], ctx), true);
        assert.equal(evaluateCondition("Bool", "aws:SecureTransport", ["false"], { "aws:SecureTransport": "true" }), false);
        assert.equal(evaluateCondition("DateGreaterThan", "aws:CurrentTime", ["2020-01-01"], { "aws:CurrentTime": "x" }), undefined);
    });
    test("an Allow to the service with its source admits it; another source does not", () => {
        const allow = statements({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage",
            Resource: "arn:aws:sqs:us-east-1:123456789012:q", Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:us-east-1:123456789012:rule/bus/r" } } });
        assert.ok(judge(allow, events, true).allow);
        assert.equal(judge(allow, { ...events, context: { ...events.context, "aws:SourceArn": "arn:aws:events:us-east-1:999999999999:rule/x" } }, true).allow, undefined);
    });
    test("a TLS-only Deny does not apply to AWS's callers; a matching Deny wins", () => {
        const tls = statements({ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
        assert.equal(judge(tls, events, true).deny, undefined);
        const deny = statements({ Sid: "No", Effect: "Deny", Principal: "*", Action: "sqs:Send*", Resource: "*" });
        assert.equal(judge(deny, events, true).deny, '"No"');
    });
    test("the account root delegates to IAM; a role named directly is allowed; wildcards in actions match", () => {
        const key = statements({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" });
        const verdict = judge(key, role, true);
        assert.equal(verdict.allow, undefined);
        assert.ok(verdict.delegate);
        const direct = statements({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/fn" }, Action: "kms:Decrypt*", Resource: "*" });
        assert.ok(judge(direct, role, true).allow);
    });
    test("identity policies need no Principal; NotAction / NotResource are honoured; an unknown operator grants nothing, noted", () => {
        assert.ok(judge(statements({ Effect: "Allow", NotAction: "s3:*", Resource: "*" }), role, false).allow);
        assert.equal(judge(statements({ Effect: "Allow", Action: "kms:*", NotResource: "arn:aws:kms:*:*:key/k" }), role, false).allow, undefined);
        const odd = judge(statements({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01" } } }), role, false);
        assert.equal(odd.allow, undefined);
        assert.match(odd.notes.join(), /DateLessThan on aws:CurrentTime is not evaluated/);
    });
});
