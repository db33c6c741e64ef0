import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { kmsKeyRotation, kmsNoWildcardGrants } from "../policies/kms";
import { doc, UNKNOWN_STRING } from "./helpers/documents";
import { runOnResource, single } from "./helpers/harness";

describe("kms-key-rotation", () => {
    test("passes a rotating symmetric key; skips keys KMS cannot rotate", async () => {
        assert.deepEqual(await runOnResource(kmsKeyRotation, single(AWS.kmsKey, { enableKeyRotation: true })), []);
        assert.deepEqual(await runOnResource(kmsKeyRotation, single(AWS.kmsKey, { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })), []);
    });
    test("flags a symmetric key without rotation", async () => {
        assert.match((await runOnResource(kmsKeyRotation, single(AWS.kmsKey, {}, "orders-key")))[0],
            /aws:kms\/key:Key "orders-key" does not rotate: set enableKeyRotation: true/);
    });
    test("flags a rotation period longer than the configured maximum", async () => {
        const key = single(AWS.kmsKey, { enableKeyRotation: true, rotationPeriodInDays: 730 });
        assert.match((await runOnResource(kmsKeyRotation, key))[0], /rotates every 730 days: set rotationPeriodInDays to at most 365/);
        assert.deepEqual(await runOnResource(kmsKeyRotation, key, { maxRotationPeriodDays: 730 }), []);
    });
});

describe("kms-no-wildcard-grants", () => {
    const root = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" };
    test("passes the default policy (none), root with kms:*, and services with specific actions", async () => {
        assert.deepEqual(await runOnResource(kmsNoWildcardGrants, single(AWS.kmsKey, {})), []);
        const policy = doc(root, { Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" });
        assert.deepEqual(await runOnResource(kmsNoWildcardGrants, single(AWS.kmsKey, { policy })), []);
        assert.deepEqual(await runOnResource(kmsNoWildcardGrants, single(AWS.kmsKey, { policy: doc({ ...root, Principal: { AWS: "123456789012" } }) })), []);
    });
    test("flags kms:* or * to a role, a service or everyone", async () => {
        const policy = doc(root,
            { Sid: "App", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/app" }, Action: "kms:*", Resource: "*" },
            { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" });
        const messages = await runOnResource(kmsNoWildcardGrants, single(AWS.kmsKey, { policy }, "k"));
        assert.equal(messages.length, 2);
        assert.match(messages[0], /"k": key policy statement "App" allows kms:\* to AWS:arn:aws:iam::123456789012:role\/app/);
        assert.match(messages[1], /statement #3 allows \* to \*/);
    });
    test("also reads aws:kms/keyPolicy resources, and reports a broken document", async () => {
        const bad = doc({ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "kms:*", Resource: "*" });
        assert.equal((await runOnResource(kmsNoWildcardGrants, single(AWS.kmsKeyPolicy, { keyId: "k", policy: bad }))).length, 1);
        assert.match((await runOnResource(kmsNoWildcardGrants, single(AWS.kmsKey, { policy: "{" })))[0], /its key policy is not valid JSON/);
    });
    test("defers a policy that is unknown during preview", async () => {
        assert.deepEqual(await runOnResource(kmsNoWildcardGrants, single(AWS.kmsKey, { policy: UNKNOWN_STRING })), []);
    });
});
