import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { firehoseDestinationEncrypted, firehoseServerSideEncryption } from "../policies/firehose";
import { GraphBuilder } from "./helpers/graph-builder";
import { runOnGraph, runOnResource, single } from "./helpers/harness";

describe("firehose-server-side-encryption", () => {
    test("passes SSE on; skips streams fed by Kinesis", async () => {
        assert.deepEqual(await runOnResource(firehoseServerSideEncryption, single(AWS.firehose, { serverSideEncryption: { enabled: true } })), []);
        assert.deepEqual(await runOnResource(firehoseServerSideEncryption, single(AWS.firehose, { kinesisSourceConfiguration: { kinesisStreamArn: "a" } })), []);
    });
    test("flags a Direct PUT stream without SSE", async () => {
        assert.match((await runOnResource(firehoseServerSideEncryption, single(AWS.firehose, {}, "audit")))[0], /"audit" does not encrypt data at rest/);
    });
    test("requires a customer key when configured", async () => {
        const awsOwned = single(AWS.firehose, { serverSideEncryption: { enabled: true } });
        assert.match((await runOnResource(firehoseServerSideEncryption, awsOwned, { requireCustomerKey: true }))[0], /keyType is "AWS_OWNED_CMK \(default\)"/);
        const cmk = single(AWS.firehose, { serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: "arn:aws:kms:us-east-1:1:key/k" } });
        assert.deepEqual(await runOnResource(firehoseServerSideEncryption, cmk, { requireCustomerKey: true }), []);
    });
});

describe("firehose-destination-encrypted", () => {
    function stream(bucketSse: string | undefined, kmsKeyArn?: string) {
        const g = new GraphBuilder("test");
        const bucket = g.add(AWS.buckets[0], "audit", {});
        if (bucketSse) {
            g.add(AWS.bucketEncryptions[0], "audit-sse", { bucket: bucket.physicalName, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: bucketSse } }] },
                { bucket: [bucket] });
        }
        g.add(AWS.firehose, "stream", { extendedS3Configuration: { bucketArn: bucket.arn, ...(kmsKeyArn ? { kmsKeyArn } : {}) } },
            { extendedS3Configuration: [bucket] });
        return g;
    }
    test("passes a KMS-encrypted bucket, or the stream's own kmsKeyArn", async () => {
        assert.deepEqual(await runOnGraph(firehoseDestinationEncrypted, stream("aws:kms")), []);
        assert.deepEqual(await runOnGraph(firehoseDestinationEncrypted, stream(undefined, "arn:aws:kms:us-east-1:1:key/k")), []);
    });
    test("flags an SSE-S3 or unencrypted bucket with no kmsKeyArn on the stream", async () => {
        for (const sse of ["AES256", undefined]) {
            const reported = await runOnGraph(firehoseDestinationEncrypted, stream(sse));
            assert.deepEqual(reported.map((r) => r.resource), ["stream"]);
            assert.match(reported[0].message, /"stream" delivers to aws:s3\/bucketV2:BucketV2 "audit", which has no SSE-KMS default encryption/);
        }
    });
    test("flags a destination bucket outside the stack when the stream sets no key", async () => {
        const g = new GraphBuilder("test");
        g.add(AWS.firehose, "stream", { extendedS3Configuration: { bucketArn: "arn:aws:s3:::elsewhere" } });
        assert.match((await runOnGraph(firehoseDestinationEncrypted, g))[0].message, /writes to a bucket outside the stack/);
    });
});
