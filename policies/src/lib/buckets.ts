/**
 * An S3 bucket's settings, wherever they are declared: the separate configuration resources that provider v6+
 * uses (aws:s3/bucketServerSideEncryptionConfigurationV2, bucketVersioningV2...), linked to the bucket through
 * their `bucket` input, or the legacy inline inputs of the bucket itself.
 */
import type { PolicyResource } from "@pulumi/policy";
import { list, read } from "./inputs";
import { StackGraph } from "./stack-graph";
import { AWS } from "./types";

export interface DefaultEncryption {
    sseAlgorithm: unknown;
    kmsMasterKeyId: unknown;
    holder: PolicyResource;
}

/** The default-encryption rules that apply to a bucket. */
export function defaultEncryptionsOf(stack: StackGraph, bucket: PolicyResource): DefaultEncryption[] {
    const out: DefaultEncryption[] = [];
    for (const config of stack.referrersOf(bucket, AWS.bucketEncryptions, "bucket")) {
        for (const rule of list(read(config.props, "rules"))) {
            out.push({
                sseAlgorithm: read(rule, "applyServerSideEncryptionByDefault", "sseAlgorithm"),
                kmsMasterKeyId: read(rule, "applyServerSideEncryptionByDefault", "kmsMasterKeyId"),
                holder: config,
            });
        }
    }
    // Legacy inline forms: BucketV2 (lists) and the v6 Bucket (single objects).
    for (const config of list(read(bucket.props, "serverSideEncryptionConfigurations"))
        .concat(list(read(bucket.props, "serverSideEncryptionConfiguration")))) {
        for (const rule of list(read(config, "rules")).concat(list(read(config, "rule")))) {
            for (const byDefault of list(read(rule, "applyServerSideEncryptionByDefaults"))
                .concat(list(read(rule, "applyServerSideEncryptionByDefault")))) {
                out.push({ sseAlgorithm: read(byDefault, "sseAlgorithm"), kmsMasterKeyId: read(byDefault, "kmsMasterKeyId"), holder: bucket });
            }
        }
    }
    return out;
}

/** SSE-KMS or dual-layer SSE-KMS. */
export function isKmsAlgorithm(algorithm: unknown): boolean {
    return algorithm === "aws:kms" || algorithm === "aws:kms:dsse";
}

/** True when versioning is enabled by a versioning resource or the legacy inline input. */
export function isVersioningEnabled(stack: StackGraph, bucket: PolicyResource): boolean {
    const byResource = stack.referrersOf(bucket, AWS.bucketVersionings, "bucket")
        .some((v) => read(v.props, "versioningConfiguration", "status") === "Enabled");
    const inline = list(read(bucket.props, "versionings")).concat(list(read(bucket.props, "versioning")))
        .some((v) => read(v, "enabled") === true);
    return byResource || inline;
}
