/** Kinesis Data Firehose: server-side encryption of the stream, and an encrypted S3 destination. */
import { defaultEncryptionsOf, isKmsAlgorithm } from "../lib/buckets";
import { customerKeyProblem } from "../lib/customer-keys";
import { isSet, read, UNKNOWN } from "../lib/inputs";
import { resourcePolicy, stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { AWS, describe } from "../lib/types";

interface SseConfig { requireCustomerKey: boolean }

export const firehoseServerSideEncryption = resourcePolicy<SseConfig>({
    name: "firehose-server-side-encryption",
    summary: "Firehose delivery streams fed directly (Direct PUT) have server-side encryption enabled "
        + "(serverSideEncryption.enabled); streams reading a Kinesis stream inherit that stream's encryption.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { checkov: ["CKV_AWS_240", "CKV_AWS_241"], cdkNag: ["AwsSolutions-KDF1"], securityHub: ["DataFirehose.1"] },
    config: {
        requireCustomerKey: {
            type: "boolean", default: false,
            description: "Also require keyType CUSTOMER_MANAGED_CMK with a keyArn (checkov CKV_AWS_241).",
        },
    },
    types: [AWS.firehose],
    validate(stream, config, report) {
        if (isSet(read(stream.props, "kinesisSourceConfiguration"))) {
            return; // SSE settings do not apply: the source Kinesis stream's encryption does.
        }
        const enabled = read(stream.props, "serverSideEncryption", "enabled");
        if (enabled !== true && enabled !== UNKNOWN) {
            report(`${describe(stream)} does not encrypt data at rest: set serverSideEncryption = { enabled: true, `
                + "keyType: \"CUSTOMER_MANAGED_CMK\", keyArn: <key> }.");
            return;
        }
        if (config.requireCustomerKey) {
            const keyType = read(stream.props, "serverSideEncryption", "keyType");
            const problem = keyType !== "CUSTOMER_MANAGED_CMK" && keyType !== UNKNOWN
                ? `keyType is ${JSON.stringify(keyType ?? "AWS_OWNED_CMK (default)")}`
                : customerKeyProblem(read(stream.props, "serverSideEncryption", "keyArn"));
            if (problem) {
                report(`${describe(stream)} is not encrypted with a customer managed key (${problem}): set keyType `
                    + "\"CUSTOMER_MANAGED_CMK\" and keyArn.");
            }
        }
    },
});

export const firehoseDestinationEncrypted = stackPolicy({
    name: "firehose-destination-encrypted",
    summary: "A Firehose S3 destination is KMS-encrypted: the stream writes with extendedS3Configuration.kmsKeyArn, or "
        + "its destination bucket (in the stack) has SSE-KMS default encryption.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: {},
    validate(stack, _config, report) {
        for (const stream of stack.ofType(AWS.firehose)) {
            const s3 = read(stream.props, "extendedS3Configuration");
            if (!isSet(s3) || s3 === UNKNOWN) {
                continue;
            }
            if (!customerKeyProblem(read(s3, "kmsKeyArn"))) {
                continue;
            }
            const buckets = stack.referencedBy(stream, "extendedS3Configuration", AWS.buckets, [read(s3, "bucketArn")]);
            if (buckets.length === 0) {
                report(`${describe(stream)} writes to a bucket outside the stack (${JSON.stringify(read(s3, "bucketArn"))}), whose `
                    + "encryption cannot be checked: set extendedS3Configuration.kmsKeyArn.", stream);
                continue;
            }
            for (const bucket of buckets) {
                const rules = defaultEncryptionsOf(stack, bucket);
                if (!rules.some((r) => isKmsAlgorithm(r.sseAlgorithm) || r.sseAlgorithm === UNKNOWN)) {
                    report(`${describe(stream)} delivers to ${describe(bucket)}, which has no SSE-KMS default encryption, and sets no `
                        + "extendedS3Configuration.kmsKeyArn: encrypt the bucket with aws:kms or set kmsKeyArn on the stream.", stream);
                }
            }
        }
    },
});

export const firehosePolicies: EdpPolicy[] = [firehoseServerSideEncryption, firehoseDestinationEncrypted];
