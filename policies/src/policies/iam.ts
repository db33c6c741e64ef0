/**
 * IAM identity policies (role inline policies, role policies, managed policies, user and group policies): no
 * statement grants every action (`*`) or every action of a service (`s3:*`); write actions on `Resource: "*"` are
 * flagged as advisory, except the actions AWS only authorizes on "*".
 */
import { SERVICE_AUTHORIZATION } from "../lib/aws-actions.generated";
import { actionMatches, isReadOnlyAction, statementLabel, wholeServiceWildcard, type Statement } from "../lib/iam-documents";
import { identityDocuments } from "../lib/identity-policies";
import { resourcePolicy, type EdpPolicy } from "../lib/policy-kit";
import { AWS, describe } from "../lib/types";

const IDENTITY_POLICY_TYPES = [AWS.role, AWS.rolePolicy, AWS.iamPolicy, AWS.userPolicy, AWS.groupPolicy];



interface WildcardActionConfig { exemptActions: string[] }

export const iamNoWildcardActions = resourcePolicy<WildcardActionConfig>({
    name: "iam-no-wildcard-actions",
    summary: "No IAM identity policy statement allows Action \"*\" or \"<service>:*\", or uses Allow with NotAction or "
        + "NotResource: grant the actions the code calls, on the resources it uses.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { checkov: ["CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_1", "CKV_AWS_49"], cdkNag: ["AwsSolutions-IAM5", "NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess", "NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess"], securityHub: ["IAM.1", "IAM.21"] },
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
                if (statement.notResources.length > 0) {
                    report(`${describe(resource)}: ${doc.where} ${statementLabel(statement, i)} uses Allow with NotResource, which `
                        + "allows the actions on every other resource, in every account: list the resources in Resource instead.");
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

/** The IAM service prefix of an action ("sqs" of "sqs:SendMessage"), lower-case. */
function serviceOf(action: string): string {
    return action.includes(":") ? action.slice(0, action.indexOf(":")).toLowerCase() : "";
}

/** True when a statement's Resource covers the request resource "*" that wildcard-only actions are evaluated on. */
function coversWildcard(statement: Statement): boolean {
    return statement.resources.some((r) => r === "*" || /^\*+$/.test(r));
}

export const iamWildcardResourceWrites = resourcePolicy<WildcardResourceConfig>({
    name: "iam-wildcard-resource-writes",
    summary: "For services outside the pack's authorization table (see iam-resource-level-actions-scoped), IAM identity "
        + "policy statements that allow write actions scope them to resources, not Resource \"*\" (advisory); actions AWS "
        + "only authorizes on \"*\" are listed in wildcardOnlyActions.",
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
                const writes = statement.actions.filter((action) => !(serviceOf(action) in SERVICE_AUTHORIZATION)
                    && !isReadOnlyAction(action) && !allowed.has(action.toLowerCase()));
                if (writes.length > 0) {
                    report(`${describe(resource)}: ${doc.where} ${statementLabel(statement, i)} allows ${writes.join(", ")} on `
                        + "Resource \"*\": scope it to the ARNs it writes (add the action to wildcardOnlyActions if AWS only accepts \"*\" for it).");
                }
            });
        }
    },
});

interface ResourceLevelConfig { exemptActions: string[] }

/**
 * Actions the Service Authorization Reference lists with no resource type that AWS nevertheless evaluates against
 * an ARN: Step Functions' task callbacks are authorized on the state machine ARN of the task token's execution
 * (AccessDenied names "on resource: arn:aws:states:...:stateMachine:..."; CDK's grantTaskResponse grants on the state
 * machine ARN and was verified to work, aws/aws-cdk#8486). A grant on the ARN matches, so it is not "never matches".
 */
const EVALUATED_ON_AN_ARN = ["states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"].map((a) => a.toLowerCase());

/** The actions of a covered service that an action pattern matches, split by whether they take an ARN. */
function expand(pattern: string): { resourceLevel: string[]; optional: string[]; wildcardOnly: string[] } | undefined {
    const service = serviceOf(pattern);
    const table = SERVICE_AUTHORIZATION[service];
    if (!table) {
        return undefined;
    }
    const matching = (names: readonly string[]) => names.map((n) => `${service}:${n}`).filter((a) => actionMatches(pattern, a));
    return { resourceLevel: matching(table.resourceLevel), optional: matching(table.optional), wildcardOnly: matching(table.wildcardOnly) };
}

/**
 * AWS's Service Authorization Reference lists, per action, the resource types it can be scoped to; an action with
 * none is authorized only on Resource "*". The table (lib/aws-actions.generated.ts, generated from that reference)
 * covers every service the event-driven pattern uses, so for them the pack knows exactly which grants on "*" are
 * broader than needed, and which grants on an ARN can never match (and so grant nothing).
 */
export const iamResourceLevelActionsScoped = resourcePolicy<ResourceLevelConfig>({
    name: "iam-resource-level-actions-scoped",
    summary: "In IAM identity policies, actions of SQS, SNS, KMS, S3, EventBridge, Lambda, DynamoDB, Step Functions, "
        + "Firehose, Logs, X-Ray, Schemas, CloudWatch, Scheduler and IAM that accept resource-level permissions (AWS's "
        + "Service Authorization Reference) are not granted on Resource \"*\"; actions AWS authorizes only on \"*\" are "
        + "not granted on an ARN (that grants nothing); every action named exists.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { checkov: ["CKV_AWS_355", "CKV_AWS_290", "CKV_AWS_288", "CKV_AWS_289"], cdkNag: ["AwsSolutions-IAM5"], securityHub: ["KMS.1", "KMS.2"] },
    config: {
        exemptActions: {
            type: "array", items: { type: "string" }, default: [],
            description: "Actions (or patterns, exactly as written in the policy) allowed on Resource \"*\" anyway; say why beside the config.",
        },
    },
    types: IDENTITY_POLICY_TYPES,
    validate(resource, config, report) {
        const exempt = new Set(config.exemptActions.map((a) => a.toLowerCase()));
        for (const doc of identityDocuments(resource)) {
            (doc.statements ?? []).forEach((statement, i) => {
                if (statement.effect !== "Allow") {
                    return;
                }
                const where = `${describe(resource)}: ${doc.where} ${statementLabel(statement, i)}`;
                for (const pattern of statement.actions) {
                    const actions = expand(pattern);
                    if (!actions || exempt.has(pattern.toLowerCase())) {
                        continue;
                    }
                    if (actions.resourceLevel.length + actions.optional.length + actions.wildcardOnly.length === 0) {
                        report(`${where} names ${pattern}, which is no action of ${serviceOf(pattern)} in AWS's Service `
                            + "Authorization Reference: fix the name.");
                        continue;
                    }
                    if (statement.resources.includes("*") && actions.resourceLevel.length > 0) {
                        const shown = actions.resourceLevel.slice(0, 5).join(", ") + (actions.resourceLevel.length > 5 ? ", ..." : "");
                        report(`${where} allows ${pattern} on Resource "*", but ${shown} accept${actions.resourceLevel.length === 1 ? "s" : ""} `
                            + "resource-level permissions: scope the statement to the ARNs the code uses (split out the actions AWS only "
                            + "authorizes on \"*\").");
                    }
                    if (!coversWildcard(statement) && statement.resources.length > 0 && actions.resourceLevel.length === 0
                        && actions.optional.length === 0 && !actions.wildcardOnly.every((a) => EVALUATED_ON_AN_ARN.includes(a.toLowerCase()))) {
                        report(`${where} allows ${pattern} only on ${statement.resources.join(", ")}, but AWS authorizes `
                            + `${actions.wildcardOnly.join(", ")} only on Resource "*": the grant never matches; use Resource "*" for it.`);
                    }
                }
            });
        }
    },
});

/** iam:PassRole, matched by any pattern (iam:PassRole, iam:Pass*, iam:*, *). */
function passesRoles(statement: Statement): boolean {
    return statement.effect === "Allow" && statement.actions.some((p) => actionMatches(p, "iam:PassRole"));
}

function hasPassedToService(statement: Statement): boolean {
    return Object.entries(statement.condition).some(([operator, keys]) => /^(StringEquals|StringLike|ForAnyValue:StringEquals|ForAnyValue:StringLike)$/.test(operator)
        && Object.keys(keys).some((k) => k.toLowerCase() === "iam:passedtoservice"));
}

export const iamPassRoleScoped = resourcePolicy({
    name: "iam-passrole-scoped",
    summary: "iam:PassRole is granted on named role ARNs, not \"*\", and only with an iam:PassedToService condition, so a "
        + "principal can hand only these roles, and only to the service meant to use them.",
    enforcementLevel: "mandatory",
    severity: "critical",
    equivalents: { checkov: ["CKV_AWS_286"], cdkNag: ["AwsSolutions-IAM5"] },
    types: IDENTITY_POLICY_TYPES,
    validate(resource, _config, report) {
        for (const doc of identityDocuments(resource)) {
            (doc.statements ?? []).forEach((statement, i) => {
                if (!passesRoles(statement)) {
                    return;
                }
                const where = `${describe(resource)}: ${doc.where} ${statementLabel(statement, i)}`;
                if (statement.resources.some((r) => r === "*" || /^arn:aws[a-z-]*:iam::(\*|\d{12}):(\*|role\/\*)$/.test(r))
                    || statement.notResources.length > 0) {
                    report(`${where} allows iam:PassRole on every role (${statement.resources.join(", ") || "NotResource"}): `
                        + "name the role ARNs the principal passes.");
                }
                if (!hasPassedToService(statement)) {
                    report(`${where} allows iam:PassRole without an iam:PassedToService condition: add `
                        + "{\"StringEquals\": {\"iam:PassedToService\": \"<service>.amazonaws.com\"}}.");
                }
            });
        }
    },
});

export const iamPolicies: EdpPolicy[] = [iamNoWildcardActions, iamResourceLevelActionsScoped, iamPassRoleScoped, iamWildcardResourceWrites];
