/**
 * IAM's evaluation of one request against the policy documents of a graph: the one mechanism behind the access
 * rules (every service edge is turned into requests and judged here, none is checked by hand-written logic).
 *
 * What it implements, from IAM's "Policy evaluation logic" and "Condition operators" pages
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * - Action / NotAction globs (`*`, `?`, case-insensitive), Resource / NotResource ARN globs (case-sensitive);
 * - Principal "*", {"AWS": "*"}, account ids and account roots (which delegate to the account's identity
 *   policies), role ARNs, service principals; NotPrincipal;
 * - the condition operators String(Not)Equals(IgnoreCase), String(Not)Like, Arn(Not)Equals, Arn(Not)Like, Bool,
 *   Null, Numeric*, each with IfExists, and the ForAnyValue / ForAllValues prefixes over single-valued keys; a key
 *   absent from the request fails a positive operator and satisfies a negated one, as IAM does;
 * - an operator it does not know makes an Allow grant nothing and a Deny deny (the safe side), with a note.
 * Condition keys are matched case-insensitively; values as IAM compares them for each operator.
 */
import { actionMatches, type Statement } from "./iam-documents";

/** Who makes a request: an AWS service acting for a resource (EventBridge, SNS...) or an IAM role. */
export type RequestPrincipal =
    | { kind: "service"; service: string }
    | { kind: "role"; arn: string; account: string | undefined };

export interface AccessRequest {
    principal: RequestPrincipal;
    action: string;
    /** The ARN the action is on. */
    resource: string;
    /** Request context: condition key (any case) → value. aws:SecureTransport is "true" for AWS's own callers. */
    context: Record<string, string>;
}

/** How one document judges a request. */
export interface DocumentVerdict {
    /** An Allow statement that names the principal (or everyone) and matches. */
    allow?: string;
    /** An Allow that names the principal's account root: it delegates to the account's identity policies. */
    delegate?: string;
    /** A matching Deny. */
    deny?: string;
    /** Operators that could not be evaluated (they made an Allow grant nothing, or a Deny deny). */
    notes: string[];
}

/** ARN glob: `*` and `?` as in IAM's Resource element and Arn/String Like operators; case-sensitive. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
    const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${regex}$`, ignoreCase ? "is" : "s").test(value);
}

/** The account id in an ARN (arn:partition:service:region:ACCOUNT:...), if it has one. */
export function accountOf(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts.length > 5 && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** The region in an ARN, if it has one. */
export function regionOf(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts.length > 5 && parts[3] !== "" ? parts[3] : undefined;
}

type PrincipalMatch = "direct" | "account" | "no";

function matchPrincipalSet(principal: Statement["principal"], who: RequestPrincipal): PrincipalMatch {
    if (principal === undefined) {
        return "no";
    }
    if (principal === "*") {
        return "direct";
    }
    let result: PrincipalMatch = "no";
    for (const [kind, ids] of Object.entries(principal)) {
        for (const id of ids) {
            if (id === "*" && kind === "AWS") {
                return "direct";
            }
            if (kind === "Service" && who.kind === "service" && id.toLowerCase() === who.service.toLowerCase()) {
                return "direct";
            }
            if (kind === "AWS" && who.kind === "role") {
                if (id === who.arn) {
                    return "direct";
                }
                const rootAccount = /^\d{12}$/.test(id) ? id : /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(id)?.[1];
                if (rootAccount !== undefined && rootAccount === who.account) {
                    result = "account";
                }
            }
        }
    }
    return result;
}

/** Statement's principal as it applies to the request: direct, through the account root, or not at all. */
function principalMatch(statement: Statement, who: RequestPrincipal): PrincipalMatch {
    if (statement.notPrincipal !== undefined) {
        return matchPrincipalSet(statement.notPrincipal, who) === "no" ? "direct" : "no";
    }
    return matchPrincipalSet(statement.principal, who);
}

function actionApplies(statement: Statement, action: string): boolean {
    if (statement.notActions.length > 0) {
        return !statement.notActions.some((p) => actionMatches(p, action));
    }
    return statement.actions.some((p) => actionMatches(p, action));
}

function resourceApplies(statement: Statement, resource: string): boolean {
    if (statement.notResources.length > 0) {
        return !statement.notResources.some((p) => globMatches(p, resource));
    }
    // A statement without Resource (a Lambda permission, a trust policy) applies to the resource it is attached to.
    return statement.resources.length === 0 || statement.resources.some((p) => globMatches(p, resource));
}

const SUPPORTED = /^(StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike|Bool|Numeric(Not)?Equals|Numeric(Less|Greater)Than(Equals)?)$/;
const NEGATED = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike|NumericNotEquals)$/;

/** One operator over one key: true/false, or undefined when the operator is not one IAM defines (or we know). */
export function evaluateCondition(operatorWithQualifiers: string, key: string, expected: string[],
                                  context: Record<string, string>): boolean | undefined {
    const operator = operatorWithQualifiers.replace(/^(ForAnyValue|ForAllValues):/, "");
    const ifExists = operator.endsWith("IfExists");
    const base = ifExists ? operator.slice(0, -"IfExists".length) : operator;
    const actual = lookup(context, key);
    if (base === "Null") {
        return expected.some((v) => (v.toLowerCase() === "true") === (actual === undefined));
    }
    if (!SUPPORTED.test(base)) {
        return undefined;
    }
    if (actual === undefined) {
        return ifExists || NEGATED.test(base);
    }
    const num = (v: string) => Number(v);
    switch (base) {
        case "StringEquals": return expected.includes(actual);
        case "StringNotEquals": return !expected.includes(actual);
        case "StringEqualsIgnoreCase": return expected.some((v) => v.toLowerCase() === actual.toLowerCase());
        case "StringNotEqualsIgnoreCase": return !expected.some((v) => v.toLowerCase() === actual.toLowerCase());
        case "StringLike": case "ArnLike": case "ArnEquals": return expected.some((v) => globMatches(v, actual));
        case "StringNotLike": case "ArnNotLike": case "ArnNotEquals": return !expected.some((v) => globMatches(v, actual));
        case "Bool": return expected.some((v) => v.toLowerCase() === actual.toLowerCase());
        case "NumericEquals": return expected.some((v) => num(actual) === num(v));
        case "NumericNotEquals": return !expected.some((v) => num(actual) === num(v));
        case "NumericLessThan": return expected.some((v) => num(actual) < num(v));
        case "NumericLessThanEquals": return expected.some((v) => num(actual) <= num(v));
        case "NumericGreaterThan": return expected.some((v) => num(actual) > num(v));
        case "NumericGreaterThanEquals": return expected.some((v) => num(actual) >= num(v));
        default: return undefined;
    }
}

function lookup(context: Record<string, string>, key: string): string | undefined {
    const wanted = key.toLowerCase();
    for (const [k, v] of Object.entries(context)) {
        if (k.toLowerCase() === wanted) {
            return v;
        }
    }
    return undefined;
}

/** All conditions of a statement: true when every one holds; unsupported operators are listed. */
function conditionsHold(statement: Statement, context: Record<string, string>, unsupported: string[]): boolean {
    let holds = true;
    for (const [operator, keys] of Object.entries(statement.condition)) {
        for (const [key, values] of Object.entries(keys)) {
            const result = evaluateCondition(operator, key, values, context);
            if (result === undefined) {
                unsupported.push(`${operator} on ${key}`);
                return statement.effect === "Deny"; // a Deny we cannot read is taken to apply; an Allow to grant nothing
            }
            holds = holds && result;
        }
    }
    return holds;
}

function label(statement: Statement, index: number): string {
    return statement.sid ? `"${statement.sid}"` : `#${index + 1}`;
}

/**
 * Judges a request against one document. `principalRequired`: resource policies and key policies name their
 * principals (statements without Principal do not apply); identity policies apply to the role they are attached to.
 */
export function judge(statements: Statement[], request: AccessRequest, principalRequired: boolean): DocumentVerdict {
    const verdict: DocumentVerdict = { notes: [] };
    statements.forEach((statement, i) => {
        if (!actionApplies(statement, request.action) || !resourceApplies(statement, request.resource)) {
            return;
        }
        const who = principalRequired ? principalMatch(statement, request.principal) : "direct";
        if (who === "no") {
            return;
        }
        const unsupported: string[] = [];
        const holds = conditionsHold(statement, request.context, unsupported);
        verdict.notes.push(...unsupported.map((u) => `statement ${label(statement, i)}: condition ${u} is not evaluated`));
        if (!holds) {
            return;
        }
        if (statement.effect === "Deny") {
            verdict.deny ??= label(statement, i);
        } else if (who === "direct") {
            verdict.allow ??= label(statement, i);
        } else {
            verdict.delegate ??= label(statement, i);
        }
    });
    return verdict;
}
