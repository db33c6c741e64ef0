/**
 * Access along every service edge of the graph: for each request AWS makes along an edge (lib/access-graph.ts), the
 * graph's policies must let it through, judged by IAM's evaluation logic (lib/policy-eval.ts):
 * - an explicit Deny in the identity policy, the resource policy or the key policy refuses it (e.g. a TLS-only
 *   deny does not: AWS's own callers use TLS, so aws:SecureTransport is "true");
 * - a service principal (EventBridge, SNS, S3, CloudWatch, Logs, log delivery) has no identity policy: the
 *   destination's resource policy must allow it, with the request's aws:SourceArn / aws:SourceAccount;
 * - a role of the same account needs its identity policy (or the resource policy naming the role); of another
 *   account, both;
 * - a KMS key admits only what its key policy allows: the principal directly, or the account root (which lets the
 *   account's IAM policies grant it, and then the role's identity policy must). A key with no policy in the graph
 *   gets KMS's default (account root, kms:*). An AWS managed key (alias/aws/...) admits no other service at all.
 */
import type { PolicyResource } from "@pulumi/policy";
import { AccessGraph, accessNeeds, identityOf, policyOf, type Need } from "../lib/access-graph";
import { judge, type DocumentVerdict } from "../lib/policy-eval";
import { stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { StackGraph } from "../lib/stack-graph";
import { describe } from "../lib/types";

const KMS_DEFAULT_POLICY = (account: string | undefined) => [{
    effect: "Allow" as const, actions: ["kms:*"], notActions: [], resources: ["*"], notResources: [],
    principal: { AWS: [account ? `arn:aws:iam::${account}:root` : "*"] }, notPrincipal: undefined, condition: {},
}];

export type Judgement = { ok: true } | { ok: false; why: string } | { deferred: true };

function who(need: Need): string {
    return need.principal.kind === "service" ? need.principal.service : need.principal.arn;
}

function notes(...verdicts: (DocumentVerdict | undefined)[]): string {
    const all = verdicts.flatMap((v) => v?.notes ?? []);
    return all.length ? ` (${all.join("; ")})` : "";
}

/** Judges one need against the graph's documents. */
export function judgeNeed(graph: AccessGraph, need: Need): Judgement {
    const request = { principal: need.principal, action: need.action, resource: need.resource, context: need.context };
    if (need.missingRole) {
        return { ok: false, why: need.missingRoleOf
            ? `${need.missingRoleOf} needs a role (roleArn) allowed ${need.action} on ${need.resource}, and has none`
            : `EventBridge needs a role (roleArn) allowed ${need.action} on ${need.resource} for this target, and the target has none` };
    }
    if (need.awsManagedKey) {
        return { ok: false, why: `the destination is encrypted with the ${need.resource}, whose key policy admits only its own service `
            + `in the account: ${who(need)} cannot ${need.action} with it; encrypt it with a customer managed key whose policy allows that` };
    }
    const identity = need.principal.kind === "role" && need.role ? identityOf(graph, need.role) : undefined;
    const documents = need.target ? policyOf(graph, need.target) : undefined;
    if (identity?.unknown || documents?.unknown) {
        return { deferred: true };
    }
    const idVerdict = identity ? judge(identity.statements, request, false) : undefined;
    let statements = documents?.statements ?? [];
    if (need.kind === "kms" && need.target && documents?.none) {
        statements = KMS_DEFAULT_POLICY(graph.account);
    }
    const rpVerdict = documents ? judge(statements, request, true) : undefined;
    const targetName = need.target ? describe(need.target) : need.resource;
    if (idVerdict?.deny) {
        return { ok: false, why: `${who(need)}'s identity policy denies ${need.action} on ${need.resource} (statement ${idVerdict.deny})` };
    }
    if (rpVerdict?.deny) {
        return { ok: false, why: `the ${need.kind === "kms" ? "key" : "resource"} policy of ${targetName} denies ${who(need)} ${need.action} `
            + `(statement ${rpVerdict.deny})${notes(rpVerdict)}` };
    }
    // What the principal's own policies grant: unknown (treated as granted) when they are not all in the graph.
    const identityGrants = identity === undefined ? need.principal.kind === "role" : identity.incomplete || idVerdict?.allow !== undefined;
    if (need.kind === "kms") {
        if (!documents) {
            // The key is not in the graph: only the principal's side can be checked.
            return identityGrants || need.principal.kind === "service" ? { ok: true }
                : { ok: false, why: `${who(need)} has no ${need.action} on the key ${need.resource} in its identity policy` };
        }
        if (rpVerdict?.allow || (rpVerdict?.delegate && identityGrants)) {
            return { ok: true };
        }
        if (rpVerdict?.delegate) {
            return { ok: false, why: `${who(need)} has no ${need.action} on ${targetName} (${need.resource}) in its identity policy; the key `
                + `policy leaves it to IAM (account root)` };
        }
        return { ok: false, why: `the key policy of ${targetName} does not allow ${who(need)} ${need.action}`
            + `${need.principal.kind === "role" ? " (neither directly nor through the account root)" : " with this request's context"} `
            + `${context(need)}${notes(rpVerdict)}` };
    }
    if (need.principal.kind === "service") {
        if (!documents || rpVerdict?.allow) {
            return { ok: true }; // a destination outside the graph: its owner's policy is not ours to see
        }
        return { ok: false, why: documents.none
            ? `${targetName} has no resource policy, so ${who(need)} cannot ${need.action}: attach one allowing it ${context(need)}`
            : `the resource policy of ${targetName} does not allow ${who(need)} ${need.action} ${context(need)}${notes(rpVerdict)}` };
    }
    const sameAccount = need.principal.account === undefined || graph.account === undefined
        || need.principal.account === (need.resource.split(":")[4] || graph.account);
    const resourceGrants = rpVerdict?.allow !== undefined;
    if (sameAccount ? identityGrants || resourceGrants : identityGrants && (resourceGrants || rpVerdict?.delegate !== undefined)) {
        return { ok: true };
    }
    return { ok: false, why: `${who(need)} has no ${need.action} on ${need.resource} in its identity policy${notes(idVerdict)}` };
}

function context(need: Need): string {
    const shown = Object.entries(need.context).filter(([k]) => /^(aws:SourceArn|aws:SourceAccount|kms:EncryptionContext)/i.test(k));
    return shown.length ? `(request context ${shown.map(([k, v]) => `${k}=${v}`).join(", ")})` : "";
}

export const accessAlongEdges = stackPolicy({
    name: "access-along-edges",
    summary: "Along every service edge of the graph (EventBridge targets and DLQs, SNS subscriptions, S3 notifications, "
        + "alarm actions, Lambda event sources, grants and asynchronous invocation destinations, Firehose to S3, Logs and "
        + "Step Functions to their keys, Step Functions tasks, EventBridge Scheduler targets and DLQs), the principal doing the write is allowed every action AWS requires, including the "
        + "destination's KMS key, and the destination's resource or key policy admits it (IAM's evaluation of the "
        + "graph's own documents).",
    enforcementLevel: "mandatory",
    severity: "critical",
    equivalents: {},
    validate(stack, _config, report) {
        const graph = new AccessGraph(stack);
        const reported = new Set<string>();
        for (const need of accessNeeds(graph)) {
            const verdict = judgeNeed(graph, need);
            if ("deferred" in verdict || verdict.ok) {
                continue;
            }
            const message = `${need.edge}: ${verdict.why}.`;
            if (!reported.has(message)) {
                reported.add(message);
                report(message, need.at);
            }
        }
    },
});

/** For tests and tools: every need of a graph with its verdict. */
export function explainAccess(resources: readonly PolicyResource[]): { need: Need; verdict: Judgement }[] {
    const graph = new AccessGraph(new StackGraph(resources));
    return accessNeeds(graph).map((need) => ({ need, verdict: judgeNeed(graph, need) }));
}

export const accessPolicies: EdpPolicy[] = [accessAlongEdges];
