/**
 * IAM identity policies (role inline policies, role policies, managed policies, user and group policies): no
 * statement grants every action (`*`) or every action of a service (`s3:*`); write actions on `Resource: "*"` are
 * flagged as advisory, except the actions AWS only authorizes on "*".
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { isReadOnlyAction, parsePolicyDocument, statementLabel, wholeServiceWildcard, type Statement } from "../lib/iam-documents";
import { list, read } from "../lib/inputs";
import { resourcePolicy, type EdpPolicy } from "../lib/policy-kit";
import { AWS, describe } from "../lib/types";

const IDENTITY_POLICY_TYPES = [AWS.role, AWS.rolePolicy, AWS.iamPolicy, AWS.userPolicy, AWS.groupPolicy];

/**
 * Each identity policy document a resource carries, with where it sits (for the message). A role's trust policy
 * (assumeRolePolicy) is not an identity policy and is not checked here.
 */
function identityDocuments(resource: ResourceValidationArgs): { where: string; statements: Statement[] | undefined; error?: string }[] {
    const raw: { where: string; value: unknown }[] = resource.type === AWS.role
        ? list(read(resource.props, "inlinePolicies")).map((p, i) => ({
            where: `inline policy ${JSON.stringify(read(p, "name") ?? i)}`, value: read(p, "policy") }))
        : [{ where: "policy", value: read(resource.props, "policy") }];
    return raw.map(({ where, value }) => {
        const parsed = parsePolicyDocument(value);
        if (parsed.ok) {
            return { where, statements: parsed.value };
        }
        // Unknown during preview: checked on `pulumi up`. A broken document is reported.
        return { where, statements: undefined, error: parsed.unknown ? undefined : parsed.error };
    });
}

interface WildcardActionConfig { exemptActions: string[] }

export const iamNoWildcardActions = resourcePolicy<WildcardActionConfig>({
    name: "iam-no-wildcard-actions",
    summary: "No IAM identity policy statement allows Action \"*\" or \"<service>:*\", or uses Allow with NotAction: "
        + "grant the actions the code calls.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_1", "CKV_AWS_49"], cdkNag: ["AwsSolutions-IAM5", "NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess", "NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess"] },
    config: {
        exemptActions: {
            type: "array", items: { type: "string" }, default: [],
            description: "Wildcard actions allowed anyway, written exactly as in the policy (e.g. \"xray:*\").",
        },
    },
    types: IDENTITY_POLICY_TYPES,
    validate(resource, config, report) {
        for (const doc of identityDocuments(resource)) {
            if (doc.error) {
                report(`${describe(resource)}: its ${doc.where} ${doc.error}; fix the document.`);
            }
            (doc.statements ?? []).forEach((statement, i) => {
                if (statement.effect !== "Allow") {
                    return;
                }
                const wildcards = statement.actions.filter((a) => wholeServiceWildcard(a) && !config.exemptActions.includes(a));
                if (wildcards.length > 0) {
                    report(`${describe(resource)}: ${doc.where} ${statementLabel(statement, i)} allows ${wildcards.join(", ")}: `
                        + "list the specific actions instead (e.g. sqs:SendMessage, not sqs:*).");
                }
                if (statement.notActions.length > 0) {
                    report(`${describe(resource)}: ${doc.where} ${statementLabel(statement, i)} uses Allow with NotAction, which `
                        + "allows every other action of every service: list the allowed actions in Action instead.");
                }
            });
        }
    },
});

/**
 * Actions that only accept Resource "*" (their service has no resource-level permissions for them), so a write
 * on "*" is the only way to grant them: X-Ray trace upload, CloudWatch custom metrics, the network interfaces of
 * Lambda functions in a VPC, and the CloudWatch Logs log-delivery APIs Step Functions and EventBridge logging use.
 */
export const DEFAULT_WILDCARD_ONLY_ACTIONS = [
    "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
    "xray:GetSamplingStatisticSummaries",
    "cloudwatch:PutMetricData",
    "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
    "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
];

interface WildcardResourceConfig { wildcardOnlyActions: string[] }

export const iamWildcardResourceWrites = resourcePolicy<WildcardResourceConfig>({
    name: "iam-wildcard-resource-writes",
    summary: "IAM identity policy statements that allow write actions scope them to resources, not Resource \"*\" "
        + "(advisory); actions AWS only authorizes on \"*\" are listed in wildcardOnlyActions.",
    enforcementLevel: "advisory",
    severity: "medium",
    equivalents: { checkov: ["CKV_AWS_355", "CKV_AWS_290"], cdkNag: ["AwsSolutions-IAM5"] },
    config: {
        wildcardOnlyActions: {
            type: "array", items: { type: "string" }, default: DEFAULT_WILDCARD_ONLY_ACTIONS,
            description: "Actions that AWS authorizes only on Resource \"*\"; these may use it. Replacing the list drops the defaults.",
        },
    },
    types: IDENTITY_POLICY_TYPES,
    validate(resource, config, report) {
        for (const doc of identityDocuments(resource)) {
            (doc.statements ?? []).forEach((statement, i) => {
                if (statement.effect !== "Allow" || !statement.resources.includes("*")) {
                    return;
                }
                const allowed = new Set(config.wildcardOnlyActions.map((a) => a.toLowerCase()));
                const writes = statement.actions.filter((action) => !isReadOnlyAction(action) && !allowed.has(action.toLowerCase()));
                if (writes.length > 0) {
                    report(`${describe(resource)}: ${doc.where} ${statementLabel(statement, i)} allows ${writes.join(", ")} on `
                        + "Resource \"*\": scope it to the ARNs it writes (add the action to wildcardOnlyActions if AWS only accepts \"*\" for it).");
                }
            });
        }
    },
});

export const iamPolicies: EdpPolicy[] = [iamNoWildcardActions, iamWildcardResourceWrites];
