import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { s3PublicAccessBlock, s3SseKms, s3TlsOnly, s3Versioning } from "../policies/s3";
import { doc, tlsDeny } from "./helpers/documents";
import { GraphBuilder, type Ref } from "./helpers/graph-builder";
import { runOnGraph } from "./helpers/harness";

/** A bucket with the given companion resources (each linked by its `bucket` input). */
function bucketWith(companions: (g: GraphBuilder, bucket: Ref) => void) {
    const g = new GraphBuilder("test");
    const bucket = g.add(AWS.buckets[0], "audit", {});
    companions(g, bucket);
    return g;
}
const flags = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const sse = (byDefault: Record<string, unknown>) => ({ rules: [{ applyServerSideEncryptionByDefault: byDefault }] });

describe("s3-public-access-block", () => {
    test("passes all four flags", async () => {
        assert.deepEqual(await runOnGraph(s3PublicAccessBlock, bucketWith((g, b) =>
            g.add(AWS.bucketPublicAccessBlock, "pab", { bucket: b.physicalName, ...flags }, { bucket: [b] }))), []);
    });
    test("flags a missing block, and one flag off (naming it and the block)", async () => {
        assert.match((await runOnGraph(s3PublicAccessBlock, bucketWith(() => undefined)))[0].message, /"audit" has no public access block/);
        const reported = await runOnGraph(s3PublicAccessBlock, bucketWith((g, b) =>
            g.add(AWS.bucketPublicAccessBlock, "pab", { bucket: b.physicalName, ...flags, ignorePublicAcls: false }, { bucket: [b] })));
        assert.deepEqual(reported.map((r) => r.resource), ["pab"]);
        assert.match(reported[0].message, /leaves ignorePublicAcls off/);
    });
    test("links a block to the bucket by its literal name when there is no dependency", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.buckets[1], "legacy", { bucket: "my-bucket" });
        g.add(AWS.bucketPublicAccessBlock, "pab", { bucket: "my-bucket", ...flags });
        assert.deepEqual(await runOnGraph(s3PublicAccessBlock, g), []);
    });
});

describe("s3-sse-kms", () => {
    test("passes aws:kms by a configuration resource, and the legacy inline form", async () => {
        assert.deepEqual(await runOnGraph(s3SseKms, bucketWith((g, b) =>
            g.add(AWS.bucketEncryptions[0], "sse", { bucket: b.physicalName, ...sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" }) }, { bucket: [b] }))), []);
        const g = new GraphBuilder("test");
        g.add(AWS.buckets[1], "legacy", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse" } } } });
        assert.deepEqual(await runOnGraph(s3SseKms, g), []);
    });
    test("flags no configuration and SSE-S3", async () => {
        assert.match((await runOnGraph(s3SseKms, bucketWith(() => undefined)))[0].message, /"audit" has no default encryption configuration/);
        const reported = await runOnGraph(s3SseKms, bucketWith((g, b) =>
            g.add(AWS.bucketEncryptions[0], "sse", { bucket: b.physicalName, ...sse({ sseAlgorithm: "AES256" }) }, { bucket: [b] })));
        assert.deepEqual(reported.map((r) => r.resource), ["sse"]);
        assert.match(reported[0].message, /"audit" is encrypted with "AES256"/);
    });
    test("requires a customer key only when configured", async () => {
        const awsManaged = bucketWith((g, b) =>
            g.add(AWS.bucketEncryptions[0], "sse", { bucket: b.physicalName, ...sse({ sseAlgorithm: "aws:kms" }) }, { bucket: [b] }));
        assert.deepEqual(await runOnGraph(s3SseKms, awsManaged), []);
        assert.match((await runOnGraph(s3SseKms, awsManaged, { requireCustomerKey: true }))[0].message, /does not use a customer managed key \(no KMS key is set\)/);
    });
});

describe("s3-versioning", () => {
    test("passes Enabled, flags Suspended and absent", async () => {
        const versioned = (status: string) => bucketWith((g, b) =>
            g.add(AWS.bucketVersionings[0], "v", { bucket: b.physicalName, versioningConfiguration: { status } }, { bucket: [b] }));
        assert.deepEqual(await runOnGraph(s3Versioning, versioned("Enabled")), []);
        assert.match((await runOnGraph(s3Versioning, versioned("Suspended")))[0].message, /"audit" is not versioned/);
        assert.equal((await runOnGraph(s3Versioning, bucketWith(() => undefined))).length, 1);
    });
});

describe("s3-tls-only", () => {
    test("passes a bucket policy with the deny; flags a bucket without one", async () => {
        assert.deepEqual(await runOnGraph(s3TlsOnly, bucketWith((g, b) =>
            g.add(AWS.bucketPolicy, "bp", { bucket: b.physicalName, policy: doc(tlsDeny("s3")) }, { bucket: [b] }))), []);
        assert.match((await runOnGraph(s3TlsOnly, bucketWith(() => undefined)))[0].message, /"audit" has no resource policy.*BucketPolicy/);
    });
});

describe("s3-sse-kms: server access log buckets", () => {
    function logTarget(sseAlgorithm: string, kmsMasterKeyId?: string) {
        const g = new GraphBuilder("test");
        const logs = g.add(AWS.buckets[0], "access-logs", {});
        g.add(AWS.bucketEncryptions[0], "access-logs-sse", { bucket: logs.physicalName, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId } }] },
            { bucket: [logs] });
        const data = g.add(AWS.buckets[0], "data", {});
        g.add(AWS.bucketEncryptions[0], "data-sse", { bucket: data.physicalName, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
            { bucket: [data] });
        g.add(AWS.bucketLoggings[0], "data-logging", { bucket: data.physicalName, targetBucket: logs.physicalName }, { bucket: [data], targetBucket: [logs] });
        return g;
    }
    test("accepts SSE-S3 on a bucket S3 delivers access logs to (the only encryption log delivery supports)", async () => {
        assert.deepEqual(await runOnGraph(s3SseKms, logTarget("AES256")), []);
    });
    test("accepts a customer managed key there (its grant to the logging service is access-along-edges' to check)", async () => {
        assert.deepEqual(await runOnGraph(s3SseKms, logTarget("aws:kms", "arn:aws:kms:us-east-1:123456789012:key/k")), []);
    });
    test("flags SSE-KMS with the AWS managed key there: log delivery cannot use it", async () => {
        const [r] = await runOnGraph(s3SseKms, logTarget("aws:kms"));
        assert.equal(r.resource, "access-logs-sse");
        assert.match(r.message, /receives S3 server access logs but its default encryption .* is "aws:kms" without a customer managed key/);
    });
});
