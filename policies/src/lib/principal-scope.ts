/**
 * When a grant to everyone, or to an AWS service, is scoped: the condition keys that tie a statement to one
 * account, organisation, network path or source resource.
 *
 * - Everyone ("*", {"AWS": "*"}): a positive condition on who calls or from where (aws:PrincipalOrgID,
 *   aws:PrincipalAccount, aws:SourceVpce...), or, for calls AWS services make, on the source (aws:SourceArn,
 *   aws:SourceAccount). KMS's own keys kms:CallerAccount and kms:ViaService together are what AWS managed key
 *   policies use, and count.
 * - A service principal: AWS's "cross-service confused deputy prevention"
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html) asks for aws:SourceArn or
 *   aws:SourceAccount in every resource and trust policy that names a service, and each service that supports them
 *   documents them: EventBridge (eb-use-resource-based.html), SNS (sns-access-policy-use-cases), S3 notifications
 *   (grant-destinations-permissions-to-s3), CloudWatch alarms (SNS topic policy), CloudWatch Logs
 *   (encrypt-log-data-kms.html, also kms:EncryptionContext:aws:logs:arn), Step Functions, Firehose (sts:ExternalId
 *   set to the account id in its role trust policy, as Firehose's guide shows), Lambda (execution role trust policy
 *   and AddPermission's SourceArn/SourceAccount), Scheduler, log delivery (delivery.logs.amazonaws.com).
 * - Where AWS documents that a service sends no source context, a condition cannot be written and the pack allows
 *   the bare principal: EC2's instance-profile trust (ec2.amazonaws.com assumes the role with no aws:SourceArn).
 *   Users can add others with the policies' `unscopedServicePrincipals` config.
 */
import type { Statement } from "./iam-documents";

/** Keys that tie a statement to an account, organisation, network path or source resource. */
const SCOPING_KEYS = [
    "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths",
    "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:resourceaccount",
    "aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:userid",
    "kms:calleraccount", "kms:encryptioncontext:aws:logs:arn", "sts:externalid",
];

/** Service principals AWS gives no source context for, so no condition can scope them (see above). */
export const DEFAULT_UNSCOPED_SERVICE_PRINCIPALS = ["ec2.amazonaws.com"];

/**
 * Actions a service is granted without a source condition in AWS's own example policies, because it calls them
 * with no source context: EventBridge reads a customer managed key's metadata (kms:DescribeKey) when a bus is
 * created or updated with it ("Authorizing EventBridge to use a customer managed key",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-key-policy.html). DescribeKey reveals no
 * key material and no data.
 */
const UNSCOPABLE_ACTIONS: Record<string, string[]> = {
    "events.amazonaws.com": ["kms:describekey"],
};

/** Operators that narrow a grant when the key is present and compared positively (not Not..., not IfExists). */
const POSITIVE = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress|Bool)$/;

/** The scoping condition keys a statement carries, lower-cased. */
export function scopingKeys(statement: Statement): string[] {
    const keys: string[] = [];
    for (const [operator, entries] of Object.entries(statement.condition)) {
        if (!POSITIVE.test(operator)) {
            continue;
        }
        for (const [key, values] of Object.entries(entries)) {
            const k = key.toLowerCase();
            // A wildcard-only value ("*") compares nothing.
            if (SCOPING_KEYS.includes(k) && values.some((v) => v !== "*" && v !== "")) {
                keys.push(k);
            }
        }
    }
    return keys;
}

/** True when a grant to everyone is scoped (see the module comment). */
export function everyoneIsScoped(statement: Statement): boolean {
    const keys = scopingKeys(statement);
    if (keys.includes("kms:calleraccount")) {
        return true;
    }
    return keys.some((k) => k !== "kms:calleraccount" && k !== "kms:encryptioncontext:aws:logs:arn" && k !== "sts:externalid");
}

/** True when a grant to a service principal names its source (see the module comment). */
export function serviceIsScoped(statement: Statement, service: string, unscoped: readonly string[]): boolean {
    if (unscoped.map((s) => s.toLowerCase()).includes(service.toLowerCase())) {
        return true;
    }
    const unscopable = UNSCOPABLE_ACTIONS[service.toLowerCase()] ?? [];
    if (statement.actions.length > 0 && statement.actions.every((a) => unscopable.includes(a.toLowerCase()))) {
        return true;
    }
    return scopingKeys(statement).length > 0;
}

/** The service principals of a statement. */
export function servicePrincipals(statement: Statement): string[] {
    return statement.principal !== undefined && statement.principal !== "*" ? statement.principal.Service ?? [] : [];
}
