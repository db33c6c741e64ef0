import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { dynamodbCustomerKey, dynamodbDeletionProtection, dynamodbPointInTimeRecovery } from "../policies/dynamodb";
import { runOnResource, single } from "./helpers/harness";

describe("dynamodb-pitr", () => {
    test("passes PITR on, flags it off or absent", async () => {
        assert.deepEqual(await runOnResource(dynamodbPointInTimeRecovery, single(AWS.table, { pointInTimeRecovery: { enabled: true } })), []);
        assert.match((await runOnResource(dynamodbPointInTimeRecovery, single(AWS.table, {}, "orders")))[0],
            /aws:dynamodb\/table:Table "orders" has no point-in-time recovery: set pointInTimeRecovery = \{ enabled: true \}/);
        assert.equal((await runOnResource(dynamodbPointInTimeRecovery, single(AWS.table, { pointInTimeRecovery: { enabled: false } }))).length, 1);
    });
});

describe("dynamodb-customer-kms-key", () => {
    test("passes SSE with a customer key", async () => {
        assert.deepEqual(await runOnResource(dynamodbCustomerKey,
            single(AWS.table, { serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:us-east-1:1:key/k" } })), []);
    });
    test("flags the AWS owned key (no SSE block) and the AWS managed key (enabled, no key)", async () => {
        assert.match((await runOnResource(dynamodbCustomerKey, single(AWS.table, {})))[0], /serverSideEncryption is not enabled/);
        assert.match((await runOnResource(dynamodbCustomerKey, single(AWS.table, { serverSideEncryption: { enabled: true } })))[0],
            /no KMS key is set/);
    });
});

describe("dynamodb-deletion-protection", () => {
    const unprotected = single(AWS.table, { deletionProtectionEnabled: false }, "orders");
    test("requires protection in prod, not in dev", async () => {
        assert.match((await runOnResource(dynamodbDeletionProtection, unprotected, { environment: "prod" }))[0],
            /"orders" has no deletion protection and environment "prod" is production: set deletionProtectionEnabled: true/);
        assert.deepEqual(await runOnResource(dynamodbDeletionProtection, unprotected, { environment: "dev" }), []);
        assert.deepEqual(await runOnResource(dynamodbDeletionProtection, single(AWS.table, { deletionProtectionEnabled: true }), { environment: "prod" }), []);
    });
    test("treats an unset environment as production, and says so", async () => {
        assert.match((await runOnResource(dynamodbDeletionProtection, unprotected))[0], /does not say which environment.*treated as production/);
    });
    test("takes the production environment names from config", async () => {
        assert.equal((await runOnResource(dynamodbDeletionProtection, unprotected, { environment: "live", prodEnvironments: ["live"] })).length, 1);
        assert.deepEqual(await runOnResource(dynamodbDeletionProtection, unprotected, { environment: "prod", prodEnvironments: ["live"] }), []);
    });
});
