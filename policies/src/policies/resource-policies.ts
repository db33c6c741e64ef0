/**
 * Resource-based policies (queue, topic, key, bucket and bus policies, Lambda permissions) and role trust policies:
 * nothing is granted to everyone or to an AWS service without a condition that scopes it to an account,
 * organisation or source resource (AWS's confused-deputy guidance; see lib/principal-scope.ts for the keys).
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { actionMatches, isEveryone, parsePolicyDocument, statementLabel, type Statement } from "../lib/iam-documents";
import { isSet, read, UNKNOWN } from "../lib/inputs";
import { accountOf } from "../lib/policy-eval";
import { resourcePolicy, stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { DEFAULT_UNSCOPED_SERVICE_PRINCIPALS, everyoneIsScoped, serviceIsScoped, servicePrincipals } from "../lib/principal-scope";
import { AccessGraph } from "../lib/access-graph";
import { AWS, describe } from "../lib/types";

/** Resource types whose `policy` input is a resource-based policy. */
const RESOURCE_POLICY_HOLDERS = [AWS.queue, AWS.queuePolicy, AWS.topic, AWS.topicPolicy, AWS.kmsKey, AWS.kmsKeyPolicy,
    AWS.bucketPolicy, "aws:s3/bucket:Bucket", AWS.eventBusPolicy];

const SCOPE_HINT = "add a condition that scopes it (aws:SourceArn or aws:SourceAccount for a service, "
    + "aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceVpce for principals)";

interface ScopeConfig { unscopedServicePrincipals: string[] }

const unscopedConfig = {
    unscopedServicePrincipals: {
        type: "array" as const, items: { type: "string" as const }, default: DEFAULT_UNSCOPED_SERVICE_PRINCIPALS,
        description: "Service principals AWS sends no source context for, allowed without aws:SourceArn/aws:SourceAccount. "
            + "Replacing the list drops the default (ec2.amazonaws.com).",
    },
};

/** The problems of one Allow statement of a resource or trust policy, as message fragments. */
function unscopedGrants(statement: Statement, config: ScopeConfig): string[] {
    if (statement.effect !== "Allow") {
        return [];
    }
    const problems: string[] = [];
    if (isEveryone(statement.principal) && !everyoneIsScoped(statement)) {
        problems.push(`allows ${statement.actions.join(", ") || "NotAction " + statement.notActions.join(", ")} to everyone (Principal "*") with no scoping condition`);
    }
    if (statement.notPrincipal !== undefined) {
        problems.push("uses Allow with NotPrincipal, which grants to every principal not listed");
    }
    for (const service of servicePrincipals(statement)) {
        if (!serviceIsScoped(statement, service, config.unscopedServicePrincipals)) {
            problems.push(`allows the service ${service} without aws:SourceArn or aws:SourceAccount, so any account's resource of that service can use it`);
        }
    }
    return problems;
}

export const resourcePolicyScoped = resourcePolicy<ScopeConfig>({
    name: "resource-policy-scoped",
    summary: "No resource-based policy (queue, topic, key, bucket, event bus policy) allows everyone (\"*\", {\"AWS\":\"*\"}) "
        + "without a scoping condition (aws:PrincipalOrgID, aws:SourceAccount, aws:SourceVpce...), or an AWS service "
        + "without aws:SourceArn / aws:SourceAccount where the service supports them.",
    enforcementLevel: "mandatory",
    severity: "critical",
    equivalents: {
        checkov: ["CKV_AWS_72", "CKV_AWS_169", "CKV_AWS_33", "CKV_AWS_70"],
        securityHub: ["SQS.3", "SNS.4", "KMS.5", "S3.2", "S3.3"],
    },
    config: unscopedConfig,
    types: RESOURCE_POLICY_HOLDERS,
    validate(resource, config, report) {
        const value = read(resource.props, "policy");
        if (!isSet(value)) {
            return;
        }
        const parsed = parsePolicyDocument(value);
        if (!parsed.ok) {
            if (!parsed.unknown) {
                report(`${describe(resource)}: its policy ${parsed.error}; fix the document.`);
            }
            return; // unknown during preview: checked again on `pulumi up`, when the document is known
        }
        parsed.value.forEach((statement, i) => {
            for (const problem of unscopedGrants(statement, config)) {
                report(`${describe(resource)}: policy ${statementLabel(statement, i)} ${problem}: ${SCOPE_HINT}.`);
            }
        });
    },
});

/** A Lambda permission is a resource-policy statement written as inputs: principal, sourceArn, sourceAccount... */
function lambdaPermissionProblem(permission: ResourceValidationArgs, config: ScopeConfig): string | undefined {
    const principal = read(permission.props, "principal");
    const scoped = [read(permission.props, "sourceArn"), read(permission.props, "sourceAccount"),
        read(permission.props, "principalOrgId")].some(isSet);
    if (principal === UNKNOWN || scoped) {
        return undefined;
    }
    if (principal === "*") {
        if (read(permission.props, "functionUrlAuthType") === "AWS_IAM") {
            return undefined; // a function URL with IAM auth: callers still need identity permissions
        }
        return "lets everyone (principal \"*\") invoke the function with no sourceArn, sourceAccount or principalOrgId";
    }
    if (typeof principal === "string" && principal.endsWith(".amazonaws.com")
        && !config.unscopedServicePrincipals.map((s) => s.toLowerCase()).includes(principal.toLowerCase())) {
        return `lets the service ${principal} invoke the function with no sourceArn or sourceAccount, so any account's `
            + "resource of that service can";
    }
    return undefined;
}

export const lambdaPermissionScoped = resourcePolicy<ScopeConfig>({
    name: "lambda-permission-scoped",
    summary: "Lambda permissions (aws:lambda/permission:Permission) for everyone or an AWS service carry sourceArn, "
        + "sourceAccount or principalOrgId.",
    enforcementLevel: "mandatory",
    severity: "critical",
    equivalents: { checkov: ["CKV_AWS_364", "CKV_AWS_301"], securityHub: ["Lambda.1"] },
    config: unscopedConfig,
    types: [AWS.lambdaPermission],
    validate(permission, config, report) {
        const problem = lambdaPermissionProblem(permission, config);
        if (problem) {
            report(`${describe(permission)} ${problem}: set sourceArn to the rule, topic or bucket that invokes it (and `
                + "sourceAccount for S3, whose bucket ARNs carry no account).");
        }
    },
});

interface TrustConfig extends ScopeConfig { trustedAccounts: string[] }

const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"];

function trustProblems(statement: Statement, config: TrustConfig, trusted: Set<string>): string[] {
    if (statement.effect !== "Allow" || !ASSUME_ACTIONS.some((a) => statement.actions.some((p) => actionMatches(p, a)))) {
        return [];
    }
    const problems = unscopedGrants(statement, config).map((p) => p.replace(/ to everyone/, " (assume the role) to everyone"));
    if (statement.principal !== undefined && statement.principal !== "*") {
        for (const id of statement.principal.AWS ?? []) {
            if (id === "*") {
                continue; // reported above unless scoped
            }
            const account = /^\d{12}$/.test(id) ? id : accountOf(id);
            if (account !== undefined && !trusted.has(account)) {
                problems.push(`lets account ${account} (${id}) assume the role, and that account is neither the stack's `
                    + "nor in trustedAccounts");
            }
        }
        if ((statement.principal.Federated ?? []).length > 0 && Object.keys(statement.condition).length === 0) {
            problems.push(`trusts the identity provider ${statement.principal.Federated!.join(", ")} with no condition on `
                + "the token's audience and subject, so any identity it issues can assume the role");
        }
    }
    return problems;
}

export const iamTrustPolicyScoped = stackPolicy<TrustConfig>({
    name: "iam-trust-policy-scoped",
    summary: "Role trust policies let no one assume the role who should not: not any account (\"*\" without a scoping "
        + "condition), no account outside the stack's own and trustedAccounts, no AWS service without aws:SourceAccount "
        + "/ aws:SourceArn (sts:ExternalId for Firehose) where the service supports them, no identity provider without "
        + "conditions.",
    enforcementLevel: "mandatory",
    severity: "critical",
    equivalents: { checkov: ["CKV_AWS_60", "CKV_AWS_61", "CKV_AWS_358"], securityHub: [] },
    config: {
        ...unscopedConfig,
        trustedAccounts: {
            type: "array", items: { type: "string", pattern: "^\\d{12}$" }, default: [],
            description: "Account ids (besides the stack's own, read from the graph's ARNs) whose principals may assume roles.",
        },
    },
    validate(stack, config, report) {
        // The stack's own account: that of the ARNs by which its resources refer to each other.
        const trusted = new Set([...new AccessGraph(stack).accounts(), ...config.trustedAccounts]);
        for (const role of stack.ofType(AWS.role)) {
            checkTrust(role, config, trusted, report);
        }
    },
});

function checkTrust(role: PolicyResource, config: TrustConfig, trusted: Set<string>,
                    report: (message: string, resource?: PolicyResource) => void): void {
    const parsed = parsePolicyDocument(read(role.props, "assumeRolePolicy"));
    if (!parsed.ok) {
        if (!parsed.unknown) {
            report(`${describe(role)}: its assumeRolePolicy ${parsed.error}; fix the document.`, role);
        }
        return;
    }
    parsed.value.forEach((statement, i) => {
        for (const problem of trustProblems(statement, config, trusted)) {
            report(`${describe(role)}: trust policy ${statementLabel(statement, i)} ${problem}: ${SCOPE_HINT}.`, role);
        }
    });
}

export const resourcePolicies: EdpPolicy[] = [resourcePolicyScoped, lambdaPermissionScoped, iamTrustPolicyScoped];
