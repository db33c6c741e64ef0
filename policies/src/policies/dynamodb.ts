/** DynamoDB: point-in-time recovery, customer-key encryption, deletion protection in production. */
import { customerKeyProblem } from "../lib/customer-keys";
import { read, UNKNOWN } from "../lib/inputs";
import { resourcePolicy, type EdpPolicy } from "../lib/policy-kit";
import { AWS, describe } from "../lib/types";

export const dynamodbPointInTimeRecovery = resourcePolicy({
    name: "dynamodb-pitr",
    summary: "DynamoDB tables have point-in-time recovery enabled (pointInTimeRecovery.enabled).",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { checkov: ["CKV_AWS_28"], cdkNag: ["AwsSolutions-DDB3"], securityHub: ["DynamoDB.2"] },
    types: [AWS.table],
    validate(table, _config, report) {
        const enabled = read(table.props, "pointInTimeRecovery", "enabled");
        if (enabled !== true && enabled !== UNKNOWN) {
            report(`${describe(table)} has no point-in-time recovery: set pointInTimeRecovery = { enabled: true }.`);
        }
    },
});

export const dynamodbCustomerKey = resourcePolicy({
    name: "dynamodb-customer-kms-key",
    summary: "DynamoDB tables are encrypted with a customer managed KMS key (serverSideEncryption.enabled with kmsKeyArn), "
        + "not the AWS owned or AWS managed key.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { checkov: ["CKV_AWS_119"] },
    types: [AWS.table],
    validate(table, _config, report) {
        const enabled = read(table.props, "serverSideEncryption", "enabled");
        const problem = enabled === true || enabled === UNKNOWN
            ? customerKeyProblem(read(table.props, "serverSideEncryption", "kmsKeyArn"))
            : "serverSideEncryption is not enabled, so the AWS owned key is used";
        if (problem) {
            report(`${describe(table)} is not encrypted with a customer managed KMS key (${problem}): set `
                + "serverSideEncryption = { enabled: true, kmsKeyArn: <key of this stack> }.");
        }
    },
});

interface DeletionProtectionConfig { environment?: string; prodEnvironments: string[] }

export const dynamodbDeletionProtection = resourcePolicy<DeletionProtectionConfig>({
    name: "dynamodb-deletion-protection",
    summary: "In production, DynamoDB tables have deletion protection (deletionProtectionEnabled). Which stack is production "
        + "is the config's `environment`; when it is not set the stack is treated as production (the safe side).",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { securityHub: ["DynamoDB.6"] },
    config: {
        environment: {
            type: "string",
            description: "This stack's environment, e.g. dev, staging, prod. `./edp check` sets it to the graph's stack "
                + "name unless the config file does. Unset: treated as production.",
        },
        prodEnvironments: {
            type: "array", items: { type: "string" }, default: ["prod", "production"],
            description: "Environments that require deletion protection.",
        },
    },
    types: [AWS.table],
    validate(table, config, report) {
        const isProd = config.environment === undefined || config.prodEnvironments.includes(config.environment);
        if (!isProd || read(table.props, "deletionProtectionEnabled") === true) {
            return;
        }
        const why = config.environment === undefined
            ? "the pack config does not say which environment this stack is (dynamodb-deletion-protection.environment), so it is treated as production"
            : `environment "${config.environment}" is production`;
        report(`${describe(table)} has no deletion protection and ${why}: set deletionProtectionEnabled: true.`);
    },
});

export const dynamodbPolicies: EdpPolicy[] = [dynamodbPointInTimeRecovery, dynamodbCustomerKey, dynamodbDeletionProtection];
