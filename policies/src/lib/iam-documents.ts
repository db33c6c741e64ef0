/**
 * IAM policy documents (identity policies, key policies, queue/topic/bucket policies), parsed into a normal form:
 * every field that may be a string or a list becomes a list, so checks never care which form the author used.
 */
import { parseJsonInput, type Parsed } from "./inputs";

export interface Statement {
    sid?: string;
    effect: "Allow" | "Deny";
    actions: string[];
    notActions: string[];
    resources: string[];
    notResources: string[];
    /** NotPrincipal (rare: IAM advises against it); same shape as principal. */
    notPrincipal: Statement["principal"];
    /** "*" for everyone; else principal type (AWS, Service, Federated, CanonicalUser) → values. */
    principal: "*" | Record<string, string[]> | undefined;
    /** Condition operator → condition key → values, all values as strings. */
    condition: Record<string, Record<string, string[]>>;
}

function strings(value: unknown): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

function normalizePrincipal(value: unknown): Statement["principal"] {
    if (value === undefined) {
        return undefined;
    }
    if (value === "*") {
        return "*";
    }
    if (typeof value === "object" && value !== null) {
        const out: Record<string, string[]> = {};
        for (const [kind, ids] of Object.entries(value)) {
            out[kind] = strings(ids);
        }
        return out;
    }
    return { AWS: strings(value) };
}

/** Parses a policy document input (JSON string or object). Errors name what is wrong with the document. */
export function parsePolicyDocument(value: unknown): Parsed<Statement[]> {
    const parsed = parseJsonInput(value);
    if (!parsed.ok) {
        return parsed;
    }
    const doc = parsed.value as { Statement?: unknown };
    if (typeof doc !== "object" || doc === null || doc.Statement === undefined) {
        return { ok: false, unknown: false, error: "has no Statement" };
    }
    const raw = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    const statements: Statement[] = [];
    for (const [i, s] of raw.entries()) {
        if (typeof s !== "object" || s === null) {
            return { ok: false, unknown: false, error: `has a Statement[${i}] that is not an object` };
        }
        const st = s as Record<string, unknown>;
        if (st.Effect !== "Allow" && st.Effect !== "Deny") {
            return { ok: false, unknown: false, error: `has Statement[${i}] with Effect ${JSON.stringify(st.Effect)} (must be Allow or Deny)` };
        }
        const condition: Statement["condition"] = {};
        for (const [operator, keys] of Object.entries((st.Condition ?? {}) as Record<string, unknown>)) {
            condition[operator] = {};
            for (const [key, values] of Object.entries((keys ?? {}) as Record<string, unknown>)) {
                condition[operator][key] = strings(values);
            }
        }
        statements.push({
            sid: typeof st.Sid === "string" ? st.Sid : undefined,
            effect: st.Effect,
            actions: strings(st.Action),
            notActions: strings(st.NotAction),
            resources: strings(st.Resource),
            notResources: strings(st.NotResource),
            principal: normalizePrincipal(st.Principal),
            notPrincipal: normalizePrincipal(st.NotPrincipal),
            condition,
        });
    }
    return { ok: true, value: statements };
}

/** Names a statement in a message: its Sid, else its position. */
export function statementLabel(statement: Statement, index: number): string {
    return statement.sid ? `statement "${statement.sid}"` : `statement #${index + 1}`;
}

/** IAM's action glob: `*` any run of characters, `?` one character; case-insensitive, as IAM matches actions. */
export function actionMatches(pattern: string, action: string): boolean {
    const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${regex}$`, "i").test(action);
}

/** `*` or `service:*`: every action, or every action of one service. */
export function wholeServiceWildcard(action: string): boolean {
    return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/** A principal that is anyone: "*" or {"AWS": "*"}. */
export function isEveryone(principal: Statement["principal"]): boolean {
    return principal === "*" || (principal !== undefined && (principal.AWS ?? []).includes("*"));
}

/** The account root, which a key policy must keep able to manage its key: arn:aws:iam::123456789012:root or the bare id. */
export function isAccountRoot(principalId: string): boolean {
    return /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(principalId) || /^\d{12}$/.test(principalId);
}

/** Every principal of a statement as "Type:value" (AWS:arn..., Service:logs.amazonaws.com), "*" for everyone. */
export function principalsOf(statement: Statement): string[] {
    if (statement.principal === undefined) {
        return [];
    }
    if (statement.principal === "*") {
        return ["*"];
    }
    return Object.entries(statement.principal).flatMap(([kind, ids]) => ids.map((id) => (id === "*" ? "*" : `${kind}:${id}`)));
}

/**
 * The statement that makes a resource policy TLS-only: Deny, to everyone, at least `requiredActions` (each matched
 * by one of its action patterns; pass "sqs:*" to demand every action of the service), when `aws:SecureTransport`
 * is false, and under no other condition (another condition would narrow the deny to some requests only).
 */
export function isTlsOnlyDeny(statement: Statement, requiredActions: readonly string[]): boolean {
    if (statement.effect !== "Deny" || !isEveryone(statement.principal)) {
        return false;
    }
    if (!requiredActions.every((required) => statement.actions.some((pattern) => actionMatches(pattern, required)))) {
        return false;
    }
    const operators = Object.entries(statement.condition);
    if (operators.length !== 1) {
        return false;
    }
    const [operator, keys] = operators[0];
    const entries = Object.entries(keys);
    return (operator === "Bool" || operator === "BoolIfExists")
        && entries.length === 1
        && entries[0][0].toLowerCase() === "aws:securetransport"
        && entries[0][1].length > 0
        && entries[0][1].every((v) => v.toLowerCase() === "false");
}

/**
 * Verbs of read-only actions (`s3:GetObject`, `dynamodb:Query`...). Anything else is treated as a write, which is
 * the safe side for an advisory about `Resource: "*"`.
 */
const READ_VERBS = ["Get", "List", "Describe", "Query", "Scan", "BatchGet", "Lookup", "Search", "Select", "View", "Head", "Read", "Filter"];

export function isReadOnlyAction(action: string): boolean {
    const name = action.includes(":") ? action.slice(action.indexOf(":") + 1) : action;
    // The literal part before any wildcard: "s3:Get*" is read-only; "s3:*Object" or "s3:*" could be anything.
    const literal = name.split(/[*?]/)[0];
    return READ_VERBS.some((verb) => {
        if (!literal.startsWith(verb)) {
            return false;
        }
        const rest = literal.slice(verb.length);
        // "GetObject" (next word starts upper-case) or "Get*" (a wildcard right after the verb).
        return rest === "" || /^[A-Z]/.test(rest);
    });
}
