/** SNS: customer-key encryption and TLS-only publishing. */
import { customerKeyProblem } from "../lib/customer-keys";
import { read } from "../lib/inputs";
import { resourcePolicy, type EdpPolicy } from "../lib/policy-kit";
import { tlsOnlyPolicy } from "../lib/tls-only";
import { AWS, describe } from "../lib/types";

export const snsTopicCustomerKey = resourcePolicy({
    name: "sns-topic-customer-kms-key",
    summary: "SNS topics are encrypted with a customer managed KMS key (kmsMasterKeyId), not unencrypted or alias/aws/sns.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { securityHub: ["SNS.1"], checkov: ["CKV_AWS_26"], cdkNag: ["NIST.800.53.R5-SNSEncryptedKMS", "HIPAA.Security-SNSEncryptedKMS"] },
    types: [AWS.topic],
    validate(topic, _config, report) {
        const problem = customerKeyProblem(read(topic.props, "kmsMasterKeyId"));
        if (problem) {
            report(`${describe(topic)} is not encrypted with a customer managed KMS key (${problem}): set kmsMasterKeyId `
                + "to a key of this stack whose key policy lets the publishing services use it.");
        }
    },
});

export const snsTopicTlsOnly = tlsOnlyPolicy({
    name: "sns-topic-tls-only",
    summary: "Every SNS topic has a topic policy that denies sns:Publish (at least) over plain HTTP (aws:SecureTransport false).",
    severity: "medium",
    equivalents: { cdkNag: ["AwsSolutions-SNS3"] },
    targetTypes: [AWS.topic],
    target: { requiredActions: ["sns:Publish"], inlineInput: "policy", attachmentTypes: [AWS.topicPolicy], linkInput: "arn" },
});

export const snsPolicies: EdpPolicy[] = [snsTopicCustomerKey, snsTopicTlsOnly];
