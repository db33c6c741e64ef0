/** S3: public access fully blocked, SSE-KMS default encryption, versioning, TLS-only bucket policy. */
import type { PolicyResource } from "@pulumi/policy";
import { defaultEncryptionsOf, isKmsAlgorithm, isVersioningEnabled } from "../lib/buckets";
import { customerKeyProblem } from "../lib/customer-keys";
import { read, UNKNOWN } from "../lib/inputs";
import { stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import type { StackGraph } from "../lib/stack-graph";
import { tlsOnlyPolicy } from "../lib/tls-only";
import { AWS, describe } from "../lib/types";

const BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3PublicAccessBlock = stackPolicy({
    name: "s3-public-access-block",
    summary: "Every S3 bucket has a public access block with all four flags set (blockPublicAcls, blockPublicPolicy, "
        + "ignorePublicAcls, restrictPublicBuckets).",
    enforcementLevel: "mandatory",
    severity: "critical",
    equivalents: { checkov: ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"], cdkNag: ["AwsSolutions-S2"], securityHub: ["S3.8"] },
    validate(stack, _config, report) {
        for (const bucket of stack.ofType(AWS.buckets)) {
            const blocks = stack.referrersOf(bucket, [AWS.bucketPublicAccessBlock], "bucket");
            if (blocks.length === 0) {
                report(`${describe(bucket)} has no public access block: add an aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock `
                    + `for it with ${BLOCK_FLAGS.join(", ")} all true.`, bucket);
                continue;
            }
            const complete = blocks.some((b) => BLOCK_FLAGS.every((flag) => {
                const value = read(b.props, flag);
                return value === true || value === UNKNOWN;
            }));
            if (!complete) {
                const missing = BLOCK_FLAGS.filter((flag) => !blocks.some((b) => read(b.props, flag) === true));
                report(`${describe(bucket)}'s public access block (${blocks.map(describe).join(", ")}) leaves `
                    + `${missing.join(", ")} off: set all four flags to true.`, blocks[0]);
            }
        }
    },
});

interface SseConfig { requireCustomerKey: boolean }

/**
 * A bucket that S3 server access logging writes to (targetBucket of a bucket logging resource). S3's guide allows
 * SSE-S3 there; a customer managed key works when its policy admits logging.s3.amazonaws.com (verified and relied
 * on by the CDK since aws/aws-cdk#25350; access-along-edges checks that key grant); the AWS managed aws/s3 key
 * cannot be granted to the logging service, so log delivery fails.
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html)
 */
function isAccessLogTarget(stack: StackGraph, bucket: PolicyResource): boolean {
    return stack.referrersOf(bucket, AWS.bucketLoggings, "targetBucket").length > 0;
}

export const s3SseKms = stackPolicy<SseConfig>({
    name: "s3-sse-kms",
    summary: "Every S3 bucket's default encryption is SSE-KMS (aws:kms or aws:kms:dsse), optionally with a customer managed key; "
        + "a bucket that receives server access logs uses a customer managed key (or SSE-S3): log delivery cannot use aws/s3.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { checkov: ["CKV_AWS_145"], cdkNag: ["NIST.800.53.R5-S3DefaultEncryptionKMS"], securityHub: ["S3.17"] },
    config: {
        requireCustomerKey: {
            type: "boolean", default: false,
            description: "Also require kmsMasterKeyId to be a customer managed key (not alias/aws/s3).",
        },
    },
    validate(stack, config, report) {
        for (const bucket of stack.ofType(AWS.buckets)) {
            const rules = defaultEncryptionsOf(stack, bucket);
            if (isAccessLogTarget(stack, bucket)) {
                for (const rule of rules) {
                    const awsManaged = isKmsAlgorithm(rule.sseAlgorithm) && customerKeyProblem(rule.kmsMasterKeyId) !== undefined;
                    if (rule.sseAlgorithm !== UNKNOWN && rule.sseAlgorithm !== "AES256" && (!isKmsAlgorithm(rule.sseAlgorithm) || awsManaged)) {
                        report(`${describe(bucket)} receives S3 server access logs but its default encryption (${describe(rule.holder)}) `
                            + `is ${JSON.stringify(rule.sseAlgorithm)} without a customer managed key: log delivery cannot use an AWS `
                            + "managed key; use a customer managed key whose policy admits logging.s3.amazonaws.com, or SSE-S3 (AES256).", rule.holder);
                    }
                }
                continue;
            }
            if (rules.length === 0) {
                report(`${describe(bucket)} has no default encryption configuration: add an `
                    + "aws:s3/bucketServerSideEncryptionConfigurationV2 with sseAlgorithm \"aws:kms\" and kmsMasterKeyId.", bucket);
                continue;
            }
            for (const rule of rules) {
                if (rule.sseAlgorithm !== UNKNOWN && !isKmsAlgorithm(rule.sseAlgorithm)) {
                    report(`${describe(bucket)} is encrypted with ${JSON.stringify(rule.sseAlgorithm)} (in ${describe(rule.holder)}): `
                        + "set sseAlgorithm to \"aws:kms\" with a kmsMasterKeyId.", rule.holder);
                } else if (config.requireCustomerKey) {
                    const problem = customerKeyProblem(rule.kmsMasterKeyId);
                    if (problem) {
                        report(`${describe(bucket)}'s default encryption (${describe(rule.holder)}) does not use a customer `
                            + `managed key (${problem}): set kmsMasterKeyId.`, rule.holder);
                    }
                }
            }
        }
    },
});

export const s3Versioning = stackPolicy({
    name: "s3-versioning",
    summary: "Every S3 bucket has versioning enabled (versioningConfiguration.status \"Enabled\"), so overwritten or "
        + "deleted objects can be recovered.",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: { checkov: ["CKV_AWS_21"], cdkNag: ["NIST.800.53.R5-S3BucketVersioningEnabled"], securityHub: ["S3.14"] },
    validate(stack, _config, report) {
        for (const bucket of stack.ofType(AWS.buckets)) {
            if (!isVersioningEnabled(stack, bucket)) {
                report(`${describe(bucket)} is not versioned: add an aws:s3/bucketVersioningV2:BucketVersioningV2 for it with `
                    + "versioningConfiguration = { status: \"Enabled\" }.", bucket);
            }
        }
    },
});

export const s3TlsOnly = tlsOnlyPolicy({
    name: "s3-tls-only",
    summary: "Every S3 bucket has a bucket policy that denies all S3 actions over plain HTTP (aws:SecureTransport false).",
    severity: "medium",
    equivalents: { checkov: ["CKV_AWS_379"], cdkNag: ["AwsSolutions-S10"], securityHub: ["S3.5"] },
    targetTypes: AWS.buckets,
    target: { requiredActions: ["s3:*"], inlineInput: "policy", attachmentTypes: [AWS.bucketPolicy], linkInput: "bucket" },
});

export const s3Policies: EdpPolicy[] = [s3PublicAccessBlock, s3SseKms, s3Versioning, s3TlsOnly];
