/**
 * The shared "TLS-only resource policy" check of SQS queues, SNS topics and S3 buckets: the resource's policy
 * (inline or attached by a separate policy resource) must deny every action of the service to everyone when
 * `aws:SecureTransport` is false.
 */
import type { PolicyResource, Severity } from "@pulumi/policy";
import { isTlsOnlyDeny, parsePolicyDocument } from "./iam-documents";
import { read } from "./inputs";
import { stackPolicy, type EdpPolicy, type Equivalents } from "./policy-kit";
import { StackGraph } from "./stack-graph";
import { describe } from "./types";

export interface TlsOnlyTarget {
    /**
     * What the deny must cover: "sqs:*" and "s3:*" (every action, as cdk-nag's SQS4 and S10 demand), "sns:Publish"
     * (the action that carries message data; AWS's SNS guide and cdk-nag's SNS3 deny exactly that).
     */
    requiredActions: string[];
    /** The target's own policy input, for resources that can carry one inline (Queue.policy, Topic.policy). */
    inlineInput?: string;
    /** The attachment resource type (QueuePolicy...) and its input that names the target (queueUrl, arn, bucket). */
    attachmentTypes: readonly string[];
    linkInput: string;
}

export function checkTlsOnly(stack: StackGraph, target: PolicyResource, spec: TlsOnlyTarget,
                             report: (message: string, resource?: PolicyResource) => void): void {
    const documents: { value: unknown; holder: PolicyResource; field: string }[] = [];
    if (spec.inlineInput) {
        const inline = read(target.props, spec.inlineInput);
        if (inline !== undefined && inline !== null && inline !== "") {
            documents.push({ value: inline, holder: target, field: spec.inlineInput });
        }
    }
    for (const attachment of stack.referrersOf(target, spec.attachmentTypes, spec.linkInput)) {
        documents.push({ value: read(attachment.props, "policy"), holder: attachment, field: "policy" });
    }
    const denyStatement = `a statement {"Effect":"Deny","Principal":"*","Action":${JSON.stringify(spec.requiredActions)},`
        + `"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`;
    if (documents.length === 0) {
        report(`${describe(target)} has no resource policy, so it accepts requests over plain HTTP: attach a `
            + `${spec.attachmentTypes[0].split(":").pop()} with ${denyStatement}.`, target);
        return;
    }
    let deferred = false;
    for (const doc of documents) {
        const parsed = parsePolicyDocument(doc.value);
        if (parsed.ok) {
            if (parsed.value.some((s) => isTlsOnlyDeny(s, spec.requiredActions))) {
                return;
            }
        } else if (parsed.unknown) {
            deferred = true; // computed from resources not created yet: checked again on `pulumi up`.
        } else {
            report(`${describe(doc.holder)}: its ${doc.field} ${parsed.error}; fix the document.`, doc.holder);
            return;
        }
    }
    if (!deferred) {
        const holders = documents.map((d) => describe(d.holder)).join(", ");
        report(`${describe(target)} accepts requests over plain HTTP: its policy (${holders}) has no TLS-only deny; `
            + `add ${denyStatement}.`, target);
    }
}

/** The mandatory stack policy "every resource of `targetTypes` is TLS-only". */
export function tlsOnlyPolicy(rule: { name: string; summary: string; severity: Severity; equivalents: Equivalents;
                                      targetTypes: readonly string[]; target: TlsOnlyTarget }): EdpPolicy {
    return stackPolicy({
        name: rule.name,
        summary: rule.summary,
        enforcementLevel: "mandatory",
        severity: rule.severity,
        equivalents: rule.equivalents,
        validate(stack, _config, report) {
            for (const resource of stack.ofType(rule.targetTypes)) {
                checkTlsOnly(stack, resource, rule.target, report);
            }
        },
    });
}
