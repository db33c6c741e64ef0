/**
 * The graph's service edges, each turned into the requests AWS makes along it ("needs"): who calls (a role, or a
 * service acting for a source resource), which action, on which ARN, with which request context, and whose
 * resource-based policy or key policy must admit it. lib/policy-eval.ts judges every need the same way; this module
 * only reads the graph. Sources for what each edge needs are cited at each builder.
 *
 * Unknown values: an ARN or document not known yet (during `pulumi preview`, before the resource exists) makes
 * the need "deferred" (skipped now; CrossGuard runs stack policies again after the update, when all is known). A
 * principal's identity policies that live outside the graph (AWS managed policies, policies of other stacks) make
 * its grants unknown: the need is judged on the resource and key policies alone.
 */
import type { PolicyResource } from "@pulumi/policy";
import { identityDocuments } from "./identity-policies";
import { parsePolicyDocument, type Statement } from "./iam-documents";
import { isSet, list, parseJsonInput, read, UNKNOWN } from "./inputs";
import { accountOf, regionOf, type RequestPrincipal } from "./policy-eval";
import { StackGraph } from "./stack-graph";
import { AWS, describe } from "./types";

export interface Need {
    /** The resource that declares the edge; the violation is reported on it. */
    at: PolicyResource;
    /** The edge in words: "EventBridge target T -> SQS queue Q". */
    edge: string;
    principal: RequestPrincipal;
    /** The role resource behind a role principal, when it is in the graph. */
    role?: PolicyResource;
    action: string;
    resource: string;
    /** The resource whose resource-based policy (kind "resource") or key policy (kind "kms") is consulted. */
    target?: PolicyResource;
    kind: "resource" | "kms";
    context: Record<string, string>;
    /** The destination is encrypted with an AWS managed key (alias/aws/...), whose policy admits no other service. */
    awsManagedKey?: boolean;
    /** The edge needs a role (roleArn) and has none; `missingRoleOf` names whose (default: the EventBridge target). */
    missingRole?: boolean;
    missingRoleOf?: string;
}

const ARN = /^arn:aws[a-z-]*:/;

/** Where ARNs of each type start: the service and resource part, so a reference's value can be recognised. */
const ARN_SHAPES: Record<string, RegExp> = {
    [AWS.queue]: /^arn:aws[a-z-]*:sqs:[^:]*:\d*:[^:/]+$/,
    [AWS.topic]: /^arn:aws[a-z-]*:sns:[^:]*:\d*:[^:]+$/,
    [AWS.eventBus]: /^arn:aws[a-z-]*:events:[^:]*:\d*:event-bus\/.+$/,
    [AWS.stateMachine]: /^arn:aws[a-z-]*:states:[^:]*:\d*:stateMachine:.+$/,
    [AWS.lambdaFunction]: /^arn:aws[a-z-]*:lambda:[^:]*:\d*:function:[^:]+$/,
    [AWS.kmsKey]: /^arn:aws[a-z-]*:kms:[^:]*:\d*:key\/.+$/,
    [AWS.table]: /^arn:aws[a-z-]*:dynamodb:[^:]*:\d*:table\/[^/]+$/,
    [AWS.firehose]: /^arn:aws[a-z-]*:firehose:[^:]*:\d*:deliverystream\/.+$/,
    [AWS.role]: /^arn:aws[a-z-]*:iam::\d*:role\/.+$/,
    [AWS.buckets[0]]: /^arn:aws[a-z-]*:s3:::[^/]+$/,
    [AWS.buckets[1]]: /^arn:aws[a-z-]*:s3:::[^/]+$/,
};

/** Every string in a value (nested objects and arrays), JSON documents excluded. */
function stringsIn(value: unknown, out: string[] = []): string[] {
    if (typeof value === "string") {
        out.push(value);
    } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            stringsIn(read(value, i), out);
        }
    } else if (value !== null && typeof value === "object") {
        for (const k of Object.keys(value)) {
            stringsIn(read(value, k), out);
        }
    }
    return out;
}

export class AccessGraph {
    private readonly arns = new Map<PolicyResource, string>();
    readonly region: string | undefined;
    readonly account: string | undefined;

    constructor(readonly stack: StackGraph) {
        // A resource's ARN is an output, absent from inputs: learn it from the inputs that reference the resource.
        let region: string | undefined;
        let account: string | undefined;
        for (const from of stack.resources) {
            for (const [input, targets] of Object.entries(from.propertyDependencies)) {
                const values = stringsIn(read(from.props, input)).filter((v) => ARN.test(v));
                for (const target of targets) {
                    const shape = ARN_SHAPES[target.type];
                    const arn = shape ? values.find((v) => shape.test(v)) : undefined;
                    if (arn && !this.arns.has(target)) {
                        this.arns.set(target, arn);
                    }
                }
                for (const v of values) {
                    region ??= regionOf(v);
                    account ??= accountOf(v);
                }
            }
        }
        // A graph whose references carry no ARN (names only): fall back to the ARNs written anywhere in its inputs.
        if (region === undefined || account === undefined) {
            for (const r of stack.resources) {
                for (const v of stringsIn(r.props)) {
                    for (const m of v.matchAll(/arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]*):(\d{12}):/g)) {
                        region ??= m[1] || undefined;
                        account ??= m[2];
                    }
                }
            }
        }
        this.region = region;
        this.account = account;
    }

    /** The accounts of the stack's own resources (from the ARNs by which the graph refers to them). */
    accounts(): Set<string> {
        return new Set([...this.arns.values()].map(accountOf).filter((a): a is string => a !== undefined));
    }

    /** The resource's ARN as the graph knows it (from a reference), else undefined. */
    arnOf(resource: PolicyResource): string | undefined {
        return this.arns.get(resource);
    }

    /** The resource of `types` an input refers to (by dependency, else by equal ARN), and the ARN written there. */
    refer(from: PolicyResource, input: string, types: readonly string[], value: unknown): { target?: PolicyResource; arn?: string } {
        const arnValue = typeof value === "string" && ARN.test(value) ? value : undefined;
        const deps = this.stack.referencedBy(from, input, types, [value]);
        const target = deps.find((d) => arnValue !== undefined && this.arnOf(d) === arnValue)
            ?? (deps.length > 0 ? deps[0] : this.stack.ofType(types).find((r) => arnValue !== undefined && this.arnOf(r) === arnValue));
        return { target, arn: arnValue ?? (target ? this.arnOf(target) : undefined) };
    }

    /** The KMS key resource (through an alias if need be) and key ARN of an input naming a key. */
    keyOf(from: PolicyResource, input: string, value: unknown): { key?: PolicyResource; arn?: string; awsManaged: boolean } {
        if (typeof value === "string" && /(^|:)alias\/aws\//.test(value)) {
            return { awsManaged: true };
        }
        const { target, arn } = this.refer(from, input, [AWS.kmsKey, AWS.kmsAlias], value);
        if (target?.type === AWS.kmsAlias) {
            const key = this.refer(target, "targetKeyId", [AWS.kmsKey], read(target.props, "targetKeyId"));
            return { key: key.target, arn: key.target ? this.arnOf(key.target) ?? key.arn : key.arn, awsManaged: false };
        }
        return { key: target, arn: arn ?? (target ? this.arnOf(target) : undefined), awsManaged: false };
    }

    /** A role principal from a role ARN input. */
    rolePrincipal(from: PolicyResource, input: string, value: unknown): { principal?: RequestPrincipal; role?: PolicyResource } {
        const { target, arn } = this.refer(from, input, [AWS.role], value);
        if (!arn) {
            return {};
        }
        return { principal: { kind: "role", arn, account: accountOf(arn) }, role: target };
    }

    serviceContext(sourceArn: string | undefined): Record<string, string> {
        const context: Record<string, string> = { "aws:SecureTransport": "true" };
        if (sourceArn) {
            context["aws:SourceArn"] = sourceArn;
        }
        const account = (sourceArn && accountOf(sourceArn)) || this.account;
        if (account) {
            context["aws:SourceAccount"] = account;
        }
        return context;
    }

    roleContext(principal: RequestPrincipal): Record<string, string> {
        const context: Record<string, string> = { "aws:SecureTransport": "true" };
        if (principal.kind === "role") {
            context["aws:PrincipalArn"] = principal.arn;
            if (principal.account) {
                context["aws:PrincipalAccount"] = principal.account;
            }
        }
        return context;
    }
}

/** The statements of a resource's resource-based policy, or of a key's key policy. */
export interface PolicyDocuments {
    statements: Statement[];
    unknown: boolean;
    /** No document at all (distinct from an empty one): for keys, KMS's default policy applies. */
    none: boolean;
    errors: string[];
}

function collect(values: unknown[]): PolicyDocuments {
    const docs: PolicyDocuments = { statements: [], unknown: false, none: true, errors: [] };
    for (const value of values) {
        if (!isSet(value)) {
            continue;
        }
        docs.none = false;
        const parsed = parsePolicyDocument(value);
        if (parsed.ok) {
            docs.statements.push(...parsed.value);
        } else if (parsed.unknown) {
            docs.unknown = true;
        } else {
            docs.errors.push(parsed.error);
        }
    }
    return docs;
}

/** A Lambda permission as the statement AddPermission writes into the function policy. */
function permissionStatement(permission: PolicyResource): Statement | "unknown" {
    const principal = read(permission.props, "principal");
    const action = read(permission.props, "action");
    if (principal === UNKNOWN || action === UNKNOWN) {
        return "unknown";
    }
    const condition: Statement["condition"] = {};
    const sourceArn = read(permission.props, "sourceArn");
    const sourceAccount = read(permission.props, "sourceAccount");
    const org = read(permission.props, "principalOrgId");
    if (sourceArn === UNKNOWN || sourceAccount === UNKNOWN || org === UNKNOWN) {
        return "unknown";
    }
    if (typeof sourceArn === "string") {
        condition.ArnLike = { "AWS:SourceArn": [sourceArn] };
    }
    if (typeof sourceAccount === "string") {
        condition.StringEquals = { "AWS:SourceAccount": [sourceAccount] };
    }
    if (typeof org === "string") {
        (condition.StringEquals ??= {})["aws:PrincipalOrgID"] = [org];
    }
    const p = String(principal);
    return {
        effect: "Allow", actions: [String(action)], notActions: [], resources: [], notResources: [],
        principal: p === "*" ? "*" : p.endsWith(".amazonaws.com") ? { Service: [p] } : { AWS: [p] },
        notPrincipal: undefined, condition, sid: read(permission.props, "statementId") as string | undefined,
    };
}

/** The resource-based policy (queue, topic, bucket, bus, function) or key policy of a target resource. */
export function policyOf(graph: AccessGraph, target: PolicyResource): PolicyDocuments {
    const stack = graph.stack;
    const attached = (types: readonly string[], input: string) => stack.referrersOf(target, types, input).map((r) => read(r.props, "policy"));
    switch (target.type) {
        case AWS.queue:
            return collect([read(target.props, "policy"), ...attached([AWS.queuePolicy], "queueUrl")]);
        case AWS.topic:
            return collect([read(target.props, "policy"), ...attached([AWS.topicPolicy], "arn")]);
        case AWS.kmsKey:
            return collect([read(target.props, "policy"), ...attached([AWS.kmsKeyPolicy], "keyId")]);
        case AWS.eventBus:
            return collect(attached([AWS.eventBusPolicy], "eventBusName"));
        case AWS.buckets[0]:
        case AWS.buckets[1]:
            return collect([read(target.props, "policy"), ...attached([AWS.bucketPolicy], "bucket")]);
        case AWS.lambdaFunction: {
            const aliases = stack.referrersOf(target, [AWS.lambdaAlias], "functionName");
            // aws:lambda/permission:Permission names its function in the input `function` (Pulumi's schema); older
            // graphs and hand-written tests use `functionName`: both are read.
            const permissions = [target, ...aliases].flatMap((f) => ["function", "functionName"]
                .flatMap((input) => stack.referrersOf(f, [AWS.lambdaPermission], input)))
                .filter((p, i, all) => all.indexOf(p) === i);
            const docs: PolicyDocuments = { statements: [], unknown: false, none: permissions.length === 0, errors: [] };
            for (const p of permissions) {
                const s = permissionStatement(p);
                if (s === "unknown") {
                    docs.unknown = true;
                } else {
                    docs.statements.push(s);
                }
            }
            return docs;
        }
        default:
            return { statements: [], unknown: false, none: true, errors: [] };
    }
}

/** A role's identity policies from the graph; `incomplete` when some live outside it (managed policy ARNs). */
export function identityOf(graph: AccessGraph, role: PolicyResource): { statements: Statement[]; unknown: boolean; incomplete: boolean } {
    const stack = graph.stack;
    const result = { statements: [] as Statement[], unknown: false, incomplete: false };
    const take = (holder: PolicyResource) => {
        for (const doc of identityDocuments(holder)) {
            if (doc.statements) {
                result.statements.push(...doc.statements);
            } else {
                result.unknown = true;
            }
        }
    };
    take(role);
    stack.referrersOf(role, [AWS.rolePolicy], "role").forEach(take);
    if (list(read(role.props, "managedPolicyArns")).length > 0) {
        result.incomplete = true;
    }
    for (const attachment of stack.referrersOf(role, [AWS.rolePolicyAttachment], "role")) {
        const [policy] = stack.referencedBy(attachment, "policyArn", [AWS.iamPolicy], [read(attachment.props, "policyArn")]);
        if (policy) {
            take(policy);
        } else {
            result.incomplete = true;
        }
    }
    return result;
}

// ---- The edges ---------------------------------------------------------------------------------------------

/**
 * What writing to an encrypted destination needs of its key, per AWS's guides: SQS producers kms:GenerateDataKey and
 * kms:Decrypt, consumers kms:Decrypt (sqs-key-management.html); SNS publishers kms:GenerateDataKey and kms:Decrypt
 * (sns-key-management.html); S3 PutObject with SSE-KMS kms:GenerateDataKey, multipart uploads also kms:Decrypt,
 * GetObject kms:Decrypt (UsingKMSEncryption.html); Step Functions StartExecution and task callbacks on a state
 * machine with a customer managed key kms:GenerateDataKey and kms:Decrypt (encryption-at-rest.html).
 */
const KEY_ACTIONS: Record<string, string[]> = {
    "sqs:SendMessage": ["kms:GenerateDataKey", "kms:Decrypt"],
    "sqs:ReceiveMessage": ["kms:Decrypt"],
    "sns:Publish": ["kms:GenerateDataKey", "kms:Decrypt"],
    "s3:PutObject": ["kms:GenerateDataKey"],
    "s3:GetObject": ["kms:Decrypt"],
    "states:StartExecution": ["kms:GenerateDataKey", "kms:Decrypt"],
    "states:StartSyncExecution": ["kms:GenerateDataKey", "kms:Decrypt"],
    "states:SendTaskSuccess": ["kms:GenerateDataKey", "kms:Decrypt"],
    "states:SendTaskFailure": ["kms:GenerateDataKey", "kms:Decrypt"],
};

/** The key that encrypts a destination, as the destination declares it. */
function destinationKey(graph: AccessGraph, destination: PolicyResource): { key?: PolicyResource; arn?: string; awsManaged: boolean } | undefined {
    const p = destination.props;
    switch (destination.type) {
        case AWS.queue:
            return isSet(read(p, "kmsMasterKeyId")) ? graph.keyOf(destination, "kmsMasterKeyId", read(p, "kmsMasterKeyId")) : undefined;
        case AWS.topic:
            return isSet(read(p, "kmsMasterKeyId")) ? graph.keyOf(destination, "kmsMasterKeyId", read(p, "kmsMasterKeyId")) : undefined;
        case AWS.stateMachine: {
            const config = read(p, "encryptionConfiguration");
            return read(config, "type") === "CUSTOMER_MANAGED_KMS_KEY"
                ? graph.keyOf(destination, "encryptionConfiguration", read(config, "kmsKeyId")) : undefined;
        }
        case AWS.buckets[0]:
        case AWS.buckets[1]: {
            for (const sse of graph.stack.referrersOf(destination, AWS.bucketEncryptions, "bucket")) {
                for (const rule of list(read(sse.props, "rules"))) {
                    const key = read(rule, "applyServerSideEncryptionByDefault", "kmsMasterKeyId");
                    if (isSet(key)) {
                        return graph.keyOf(sse, "rules", key);
                    }
                }
            }
            return undefined;
        }
        default:
            return undefined;
    }
}

const SERVICE_OF_TYPE: Record<string, string> = {
    [AWS.queue]: "sqs", [AWS.topic]: "sns", [AWS.stateMachine]: "states", [AWS.buckets[0]]: "s3", [AWS.buckets[1]]: "s3",
};

/** Encryption context keys services put on their KMS requests (documented per service). */
function encryptionContext(destination: PolicyResource, arn: string): Record<string, string> {
    switch (destination.type) {
        case AWS.queue: return { "kms:EncryptionContext:aws:sqs:arn": arn };
        case AWS.stateMachine: return { "kms:EncryptionContext:aws:states:stateMachineArn": arn };
        case AWS.buckets[0]: case AWS.buckets[1]: return { "kms:EncryptionContext:aws:s3:arn": arn };
        default: return {};
    }
}

/** A write to `destination` by `principal`: the action itself, and what the destination's key needs. */
function writeNeeds(graph: AccessGraph, base: Omit<Need, "action" | "resource" | "target" | "kind" | "context">,
                    action: string, destination: PolicyResource | undefined, arn: string, context: Record<string, string>,
                    keyActions: string[] | undefined = KEY_ACTIONS[action]): Need[] {
    const needs: Need[] = [{ ...base, action, resource: arn, target: destination, kind: "resource", context }];
    const key = destination ? destinationKey(graph, destination) : undefined;
    if (!key || !keyActions || !destination) {
        return needs;
    }
    const service = SERVICE_OF_TYPE[destination.type];
    const keyContext = {
        ...context,
        ...encryptionContext(destination, arn),
        ...(service && graph.region ? { "kms:ViaService": `${service}.${graph.region}.amazonaws.com` } : {}),
        ...(graph.account ? { "kms:CallerAccount": graph.account } : {}),
    };
    const keyArn = key.awsManaged ? `AWS managed key of ${service}` : key.arn;
    if (!keyArn) {
        return needs;
    }
    for (const keyAction of keyActions) {
        needs.push({ ...base, edge: `${base.edge} (its key)`, action: keyAction, resource: keyArn, target: key.key,
            kind: "kms", context: keyContext, awsManagedKey: key.awsManaged });
    }
    return needs;
}

/** The rule ARN EventBridge uses as aws:SourceArn for a target's deliveries. */
function ruleArn(graph: AccessGraph, target: PolicyResource): string | undefined {
    const rule = read(target.props, "rule");
    const bus = read(target.props, "eventBusName");
    if (typeof rule !== "string" || !graph.region || !graph.account) {
        return undefined;
    }
    const busName = typeof bus === "string" ? bus.replace(/^arn:.*:event-bus\//, "") : "default";
    const path = busName === "default" ? rule : `${busName}/${rule}`;
    return `arn:aws:events:${graph.region}:${graph.account}:rule/${path}`;
}

const DESTINATION_TYPES = [AWS.queue, AWS.topic, AWS.stateMachine, AWS.eventBus, AWS.lambdaFunction, AWS.firehose, AWS.table, ...AWS.buckets];

/** EventBridge targets and their DLQs (eb-use-resource-based.html, eb-rule-dlq.html, eb-use-identity-based.html). */
function eventTargetNeeds(graph: AccessGraph, target: PolicyResource): Need[] {
    const needs: Need[] = [];
    const sourceArn = ruleArn(graph, target);
    const events: RequestPrincipal = { kind: "service", service: "events.amazonaws.com" };
    const { target: destination, arn } = graph.refer(target, "arn", DESTINATION_TYPES, read(target.props, "arn"));
    const role = graph.rolePrincipal(target, "roleArn", read(target.props, "roleArn"));
    const edge = (what: string) => `EventBridge target ${describe(target)} -> ${what}`;
    if (arn) {
        const service = arn.split(":")[2];
        if (service === "sqs" || service === "sns") {
            // SQS and SNS targets are admitted by the destination's resource policy, not by a role.
            const action = service === "sqs" ? "sqs:SendMessage" : "sns:Publish";
            needs.push(...writeNeeds(graph, { at: target, edge: edge(destination ? describe(destination) : arn), principal: events },
                action, destination, arn, graph.serviceContext(sourceArn)));
        } else if (service === "lambda") {
            needs.push({ at: target, edge: edge(destination ? describe(destination) : arn), principal: events, action: "lambda:InvokeFunction",
                resource: arn, target: destination, kind: "resource", context: graph.serviceContext(sourceArn) });
        } else {
            const action = service === "states" ? "states:StartExecution" : service === "events" ? "events:PutEvents"
                : service === "firehose" ? "firehose:PutRecordBatch" : undefined;
            if (action && role.principal) {
                needs.push(...writeNeeds(graph, { at: target, edge: edge(destination ? describe(destination) : arn), principal: role.principal, role: role.role },
                    action, destination, arn, graph.roleContext(role.principal)));
                if (service === "firehose") {
                    needs.push({ at: target, edge: edge(destination ? describe(destination) : arn), principal: role.principal, role: role.role,
                        action: "firehose:PutRecord", resource: arn, target: destination, kind: "resource", context: graph.roleContext(role.principal) });
                }
            } else if (action) {
                needs.push({ at: target, edge: edge(destination ? describe(destination) : arn), principal: events, action, resource: arn,
                    target: destination, kind: "resource", context: graph.serviceContext(sourceArn), missingRole: true });
            }
        }
    }
    needs.push(...deadLetterNeeds(graph, target, sourceArn, events, `EventBridge target ${describe(target)} -> its DLQ`));
    return needs;
}

function deadLetterNeeds(graph: AccessGraph, from: PolicyResource, sourceArn: string | undefined, principal: RequestPrincipal,
                         edge: string): Need[] {
    const value = read(from.props, "deadLetterConfig", "arn");
    if (!isSet(value)) {
        return [];
    }
    const { target: dlq, arn } = graph.refer(from, "deadLetterConfig", [AWS.queue], value);
    return arn ? writeNeeds(graph, { at: from, edge: `${edge} ${dlq ? describe(dlq) : arn}`, principal },
        "sqs:SendMessage", dlq, arn, graph.serviceContext(sourceArn)) : [];
}

/** A bus's own DLQ (deliveries the bus itself fails) and its customer managed key (eb-encryption-key-policy.html). */
function busNeeds(graph: AccessGraph, bus: PolicyResource): Need[] {
    const events: RequestPrincipal = { kind: "service", service: "events.amazonaws.com" };
    const busArn = graph.arnOf(bus);
    const needs = deadLetterNeeds(graph, bus, busArn, events, `EventBridge bus ${describe(bus)} -> its DLQ`);
    const keyValue = read(bus.props, "kmsKeyIdentifier");
    if (isSet(keyValue)) {
        const key = graph.keyOf(bus, "kmsKeyIdentifier", keyValue);
        if (key.arn) {
            const context = { ...graph.serviceContext(busArn), ...(busArn ? { "kms:EncryptionContext:aws:events:event-bus:arn": busArn } : {}) };
            for (const action of ["kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey"]) {
                needs.push({ at: bus, edge: `EventBridge bus ${describe(bus)} -> its key`, principal: events, action, resource: key.arn,
                    target: key.key, kind: "kms", context });
            }
        }
    }
    return needs;
}

/** SNS subscriptions to SQS and Lambda, and their DLQs (sns-sqs-as-subscriber.html, sns-lambda-as-subscriber.html). */
function subscriptionNeeds(graph: AccessGraph, subscription: PolicyResource): Need[] {
    const sns: RequestPrincipal = { kind: "service", service: "sns.amazonaws.com" };
    const topic = graph.refer(subscription, "topic", [AWS.topic], read(subscription.props, "topic"));
    const context = graph.serviceContext(topic.arn);
    const protocol = read(subscription.props, "protocol");
    const needs: Need[] = [];
    const edge = (what: string) => `SNS subscription ${describe(subscription)} -> ${what}`;
    if (protocol === "sqs" || protocol === "lambda") {
        const types = protocol === "sqs" ? [AWS.queue] : [AWS.lambdaFunction, AWS.lambdaAlias];
        const { target, arn } = graph.refer(subscription, "endpoint", types, read(subscription.props, "endpoint"));
        const fn = target?.type === AWS.lambdaAlias
            ? graph.stack.referencedBy(target, "functionName", [AWS.lambdaFunction], [read(target.props, "functionName")])[0] : target;
        if (arn) {
            needs.push(...writeNeeds(graph, { at: subscription, edge: edge(fn ? describe(fn) : arn), principal: sns },
                protocol === "sqs" ? "sqs:SendMessage" : "lambda:InvokeFunction", fn, arn, context));
        }
    }
    const redrive = parseJsonInput(read(subscription.props, "redrivePolicy"));
    if (redrive.ok) {
        const value = (redrive.value as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
        const { target: dlq, arn } = graph.refer(subscription, "redrivePolicy", [AWS.queue], value);
        if (arn) {
            needs.push(...writeNeeds(graph, { at: subscription, edge: edge(`its DLQ ${dlq ? describe(dlq) : arn}`), principal: sns },
                "sqs:SendMessage", dlq, arn, context));
        }
    }
    return needs;
}

/** S3 event notifications: to EventBridge nothing is needed (EnableEventBridge.html); to SQS / SNS / Lambda the destination admits s3.amazonaws.com. */
function bucketNotificationNeeds(graph: AccessGraph, notification: PolicyResource): Need[] {
    const s3: RequestPrincipal = { kind: "service", service: "s3.amazonaws.com" };
    const bucket = read(notification.props, "bucket");
    const bucketArn = typeof bucket === "string" ? `arn:aws:s3:::${bucket}` : undefined;
    const context = graph.serviceContext(bucketArn);
    if (graph.account) {
        context["aws:SourceAccount"] = graph.account; // bucket ARNs carry no account
    }
    const needs: Need[] = [];
    const kinds: [string, string, readonly string[], string][] = [
        ["queues", "queueArn", [AWS.queue], "sqs:SendMessage"],
        ["topics", "topicArn", [AWS.topic], "sns:Publish"],
        ["lambdaFunctions", "lambdaFunctionArn", [AWS.lambdaFunction], "lambda:InvokeFunction"],
    ];
    for (const [input, field, types, action] of kinds) {
        for (const entry of list(read(notification.props, input))) {
            const { target, arn } = graph.refer(notification, input, types, read(entry, field));
            if (arn) {
                needs.push(...writeNeeds(graph, { at: notification, edge: `S3 notification ${describe(notification)} -> ${target ? describe(target) : arn}`, principal: s3 },
                    action, target, arn, context));
            }
        }
    }
    return needs;
}

/**
 * S3 server access logging: the logging service writes into the target bucket, admitted by its bucket policy
 * (enable-server-access-logging.html: logging.s3.amazonaws.com, s3:PutObject, aws:SourceArn = the source bucket,
 * aws:SourceAccount).
 */
function bucketLoggingNeeds(graph: AccessGraph, logging: PolicyResource): Need[] {
    const source = read(logging.props, "bucket");
    const { target } = graph.refer(logging, "targetBucket", AWS.buckets, read(logging.props, "targetBucket"));
    const targetName = read(logging.props, "targetBucket");
    if (typeof source !== "string" || typeof targetName !== "string") {
        return [];
    }
    const prefix = String(read(logging.props, "targetPrefix") ?? "");
    const context = graph.serviceContext(`arn:aws:s3:::${source}`);
    if (graph.account) {
        context["aws:SourceAccount"] = graph.account;
    }
    // Into a bucket encrypted with a customer key, the logging service generates the data keys itself.
    return writeNeeds(graph, { at: logging, edge: `S3 access logging ${describe(logging)} -> ${target ? describe(target) : targetName}`,
        principal: { kind: "service", service: "logging.s3.amazonaws.com" } }, "s3:PutObject", target,
        `arn:aws:s3:::${targetName}/${prefix}object`, context, ["kms:GenerateDataKey"]);
}

/** CloudWatch alarm actions on SNS topics (AlarmThatSendsEmail.html; encrypted topics: the key admits cloudwatch.amazonaws.com). */
function alarmNeeds(graph: AccessGraph, alarm: PolicyResource): Need[] {
    const cloudwatch: RequestPrincipal = { kind: "service", service: "cloudwatch.amazonaws.com" };
    const name = read(alarm.props, "name") ?? read(alarm.props, "alarmName");
    const alarmArn = typeof name === "string" && graph.region && graph.account
        ? `arn:aws:cloudwatch:${graph.region}:${graph.account}:alarm:${name}` : undefined;
    const needs: Need[] = [];
    const seen = new Set<string>();
    for (const input of ["alarmActions", "okActions", "insufficientDataActions"]) {
        for (const value of list(read(alarm.props, input))) {
            if (typeof value !== "string" || !/^arn:aws[a-z-]*:sns:/.test(value) || seen.has(value)) {
                continue;
            }
            seen.add(value);
            const { target } = graph.refer(alarm, input, [AWS.topic], value);
            needs.push(...writeNeeds(graph, { at: alarm, edge: `CloudWatch alarm ${describe(alarm)} -> ${target ? describe(target) : value}`, principal: cloudwatch },
                "sns:Publish", target, value, graph.serviceContext(alarmArn)));
        }
    }
    return needs;
}

/**
 * What a role's own grants reach: each Allow of an action in KEY_ACTIONS on the ARN of a destination in the graph
 * also needs that destination's key (a function that may publish to an encrypted topic but not use its key fails
 * at run time). Used for Lambda execution roles.
 */
function grantNeeds(graph: AccessGraph, at: PolicyResource, role: PolicyResource, principal: RequestPrincipal, label: string): Need[] {
    const identity = identityOf(graph, role);
    const needs: Need[] = [];
    const destinations = graph.stack.ofType(AWS.queue, AWS.topic, AWS.stateMachine, ...AWS.buckets);
    for (const statement of identity.statements) {
        if (statement.effect !== "Allow") {
            continue;
        }
        for (const action of statement.actions) {
            if (!KEY_ACTIONS[action]) {
                continue;
            }
            for (const destination of destinations) {
                const arn = graph.arnOf(destination);
                const isBucket = AWS.buckets.includes(destination.type as typeof AWS.buckets[number]);
                const granted = arn !== undefined && statement.resources.some((r) => r === arn || (isBucket && r.startsWith(`${arn}/`)));
                if (granted && SERVICE_OF_TYPE[destination.type] === action.split(":")[0]) {
                    needs.push(...writeNeeds(graph, { at, edge: `${label} -> ${describe(destination)}`, principal, role }, action, destination, arn!,
                        graph.roleContext(principal)).filter((n) => n.kind === "kms"));
                }
            }
        }
    }
    return needs;
}

/** Lambda functions: their SQS event sources (with-sqs.html: ReceiveMessage, DeleteMessage, GetQueueAttributes; kms:Decrypt) and their grants. */
function functionNeeds(graph: AccessGraph, fn: PolicyResource): Need[] {
    const { principal, role } = graph.rolePrincipal(fn, "role", read(fn.props, "role"));
    if (!principal) {
        return [];
    }
    const needs: Need[] = role ? grantNeeds(graph, fn, role, principal, `Lambda function ${describe(fn)}`) : [];
    const aliases = graph.stack.referrersOf(fn, [AWS.lambdaAlias], "functionName");
    const mappings = [fn, ...aliases].flatMap((f) => graph.stack.referrersOf(f, [AWS.eventSourceMapping], "functionName"));
    for (const mapping of new Set(mappings)) {
        const { target: queue, arn } = graph.refer(mapping, "eventSourceArn", [AWS.queue], read(mapping.props, "eventSourceArn"));
        if (!arn || !/^arn:aws[a-z-]*:sqs:/.test(arn)) {
            continue;
        }
        const base = { at: mapping, edge: `SQS event source ${describe(mapping)}: ${describe(fn)} <- ${queue ? describe(queue) : arn}`, principal, role };
        for (const action of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]) {
            needs.push(...writeNeeds(graph, base, action, queue, arn, graph.roleContext(principal)));
        }
    }
    return needs;
}

/** Firehose to S3 (controlling-access.html#using-iam-s3): the role's S3 actions, and the key it writes with. */
function firehoseNeeds(graph: AccessGraph, stream: PolicyResource): Need[] {
    const s3config = read(stream.props, "extendedS3Configuration");
    if (!s3config || s3config === UNKNOWN) {
        return [];
    }
    const { principal, role } = graph.rolePrincipal(stream, "extendedS3Configuration", read(s3config, "roleArn"));
    const { target: bucket, arn: bucketArn } = graph.refer(stream, "extendedS3Configuration", AWS.buckets, read(s3config, "bucketArn"));
    if (!principal || !bucketArn) {
        return [];
    }
    const base = { at: stream, edge: `Firehose ${describe(stream)} -> ${bucket ? describe(bucket) : bucketArn}`, principal, role };
    const context = graph.roleContext(principal);
    const needs: Need[] = [];
    for (const action of ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]) {
        needs.push({ ...base, action, resource: bucketArn, target: bucket, kind: "resource", context });
    }
    const prefix = String(read(s3config, "prefix") ?? "").split("!{")[0];
    const objectArn = `${bucketArn}/${prefix}object`;
    for (const action of ["s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject"]) {
        needs.push({ ...base, action, resource: objectArn, target: bucket, kind: "resource", context });
    }
    // The key: the stream's own kmsKeyArn, else the bucket's default encryption. Firehose uploads in parts, so both actions.
    const keyValue = read(s3config, "kmsKeyArn");
    const key = isSet(keyValue) ? graph.keyOf(stream, "extendedS3Configuration", keyValue) : bucket ? destinationKey(graph, bucket) : undefined;
    if (key?.arn) {
        const keyContext = { ...context, "kms:EncryptionContext:aws:s3:arn": objectArn,
            ...(graph.region ? { "kms:ViaService": `s3.${graph.region}.amazonaws.com` } : {}) };
        for (const action of ["kms:GenerateDataKey", "kms:Decrypt"]) {
            needs.push({ ...base, edge: `${base.edge} (its key)`, action, resource: key.arn, target: key.key, kind: "kms", context: keyContext });
        }
    }
    return needs;
}

/** CloudWatch Logs encrypting a log group with a customer key (encrypt-log-data-kms.html). */
function logGroupNeeds(graph: AccessGraph, group: PolicyResource): Need[] {
    const keyValue = read(group.props, "kmsKeyId");
    if (!isSet(keyValue) || !graph.region || !graph.account) {
        return [];
    }
    const key = graph.keyOf(group, "kmsKeyId", keyValue);
    const name = read(group.props, "name");
    const prefix = read(group.props, "namePrefix");
    const groupName = typeof name === "string" ? name : typeof prefix === "string" ? `${prefix}0000000` : `${group.name}-0000000`;
    if (!key.arn || name === UNKNOWN) {
        return [];
    }
    const groupArn = `arn:aws:logs:${graph.region}:${graph.account}:log-group:${groupName}`;
    const logs: RequestPrincipal = { kind: "service", service: `logs.${graph.region}.amazonaws.com` };
    const context = { ...graph.serviceContext(groupArn), "kms:EncryptionContext:aws:logs:arn": groupArn };
    return ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"].map((action) => ({
        at: group, edge: `CloudWatch Logs ${describe(group)} -> its key`, principal: logs, action, resource: key.arn!, target: key.key,
        kind: "kms" as const, context,
    }));
}

/** The Task states of an Amazon States Language definition, in Parallel branches and Map iterators too. */
function taskStates(definition: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
    const states = (definition as { States?: Record<string, unknown> } | undefined)?.States ?? {};
    for (const state of Object.values(states)) {
        const s = state as Record<string, unknown>;
        if (s.Type === "Task") {
            out.push(s);
        }
        for (const branch of (s.Branches as unknown[] | undefined) ?? []) {
            taskStates(branch, out);
        }
        for (const inner of [s.Iterator, s.ItemProcessor]) {
            if (inner) {
                taskStates(inner, out);
            }
        }
    }
    return out;
}

/**
 * Step Functions: each task's service integration, called with the state machine's role
 * (service-integration-iam-templates.html: lambda:InvokeFunction, sns:Publish, events:PutEvents, sqs:SendMessage,
 * dynamodb item actions), and log delivery with an encrypted state machine (encryption-at-rest.html: the key admits
 * delivery.logs.amazonaws.com).
 */
function stateMachineNeeds(graph: AccessGraph, machine: PolicyResource): Need[] {
    const needs: Need[] = [];
    const { principal, role } = graph.rolePrincipal(machine, "roleArn", read(machine.props, "roleArn"));
    const parsed = parseJsonInput(read(machine.props, "definition"));
    if (principal && parsed.ok) {
        const context = graph.roleContext(principal);
        for (const task of taskStates(parsed.value)) {
            const resource = String(task.Resource ?? "");
            const params = (task.Parameters ?? task.Arguments ?? {}) as Record<string, unknown>;
            const integration = /^arn:aws[a-z-]*:states:::([a-z0-9-]+):([A-Za-z]+)/.exec(resource);
            const calls: { action: string; arn: unknown; types: readonly string[] }[] = [];
            if (/^arn:aws[a-z-]*:lambda:/.test(resource)) {
                calls.push({ action: "lambda:InvokeFunction", arn: resource, types: [AWS.lambdaFunction] });
            } else if (integration) {
                const [, service, api] = integration;
                if (service === "lambda" && api === "invoke") {
                    calls.push({ action: "lambda:InvokeFunction", arn: params.FunctionName, types: [AWS.lambdaFunction] });
                } else if (service === "sns" && api === "publish") {
                    calls.push({ action: "sns:Publish", arn: params.TopicArn, types: [AWS.topic] });
                } else if (service === "sqs" && api === "sendMessage") {
                    const url = String(params.QueueUrl ?? "");
                    const m = /^https:\/\/sqs\.([^.]+)\.amazonaws\.com\/(\d{12})\/(.+)$/.exec(url);
                    calls.push({ action: "sqs:SendMessage", arn: m ? `arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}` : undefined, types: [AWS.queue] });
                } else if (service === "events" && api === "putEvents") {
                    for (const entry of (params.Entries as Record<string, unknown>[] | undefined) ?? []) {
                        const bus = String(entry.EventBusName ?? "default");
                        const arn = bus.startsWith("arn:") ? bus : graph.region && graph.account
                            ? `arn:aws:events:${graph.region}:${graph.account}:event-bus/${bus}` : undefined;
                        calls.push({ action: "events:PutEvents", arn, types: [AWS.eventBus] });
                    }
                } else if (service === "dynamodb" && /^(putItem|updateItem|getItem|deleteItem)$/.test(api)) {
                    const table = String(params.TableName ?? "");
                    const arn = table.startsWith("arn:") ? table : graph.region && graph.account && table
                        ? `arn:aws:dynamodb:${graph.region}:${graph.account}:table/${table}` : undefined;
                    calls.push({ action: `dynamodb:${api[0].toUpperCase()}${api.slice(1)}`, arn, types: [AWS.table] });
                }
            }
            for (const call of calls) {
                if (typeof call.arn !== "string" || !ARN.test(call.arn)) {
                    continue; // a JSONPath (".$") or unknown value: resolved at run time only
                }
                const targets = graph.stack.ofType(call.types).filter((t) => {
                    const known = graph.arnOf(t);
                    return known !== undefined && (call.arn === known || (call.arn as string).startsWith(`${known}:`));
                });
                needs.push(...writeNeeds(graph, { at: machine, edge: `Step Functions ${describe(machine)} -> ${targets[0] ? describe(targets[0]) : call.arn}`, principal, role },
                    call.action, targets[0], call.arn, context));
            }
        }
    }
    const encryption = read(machine.props, "encryptionConfiguration");
    const level = read(machine.props, "loggingConfiguration", "level");
    if (read(encryption, "type") === "CUSTOMER_MANAGED_KMS_KEY" && typeof level === "string" && level !== "OFF") {
        const key = graph.keyOf(machine, "encryptionConfiguration", read(encryption, "kmsKeyId"));
        if (key.arn) {
            // Vended log delivery acts for a delivery source of the account: aws:SourceArn is a logs ARN of it
            // (AWS-logs-and-resource-policy.html: "aws:SourceArn": "arn:aws:logs:<region>:<account>:*").
            const source = graph.region && graph.account
                ? `arn:aws:logs:${graph.region}:${graph.account}:delivery-source:${machine.name}` : undefined;
            needs.push({ at: machine, edge: `log delivery of ${describe(machine)} -> its key`,
                principal: { kind: "service", service: "delivery.logs.amazonaws.com" }, action: "kms:Decrypt", resource: key.arn,
                target: key.key, kind: "kms", context: graph.serviceContext(source) });
        }
    }
    return needs;
}

/**
 * EventBridge Scheduler: the schedule runs with its execution role, which must be allowed the target's API on the
 * target (events:PutEvents on a bus, lambda:InvokeFunction, sqs:SendMessage, states:StartExecution), with the
 * target's customer managed key where it has one ("Set up the execution role",
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role; SQS and Step
 * Functions key actions as for any producer), and sqs:SendMessage on its dead-letter queue with that queue's key
 * ("Configuring a schedule's dead-letter queue",
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html). The trust and the scope of
 * the role are judged by the scheduler-* policies (policies/scheduler.ts).
 */
function scheduleNeeds(graph: AccessGraph, schedule: PolicyResource): Need[] {
    const target = read(schedule.props, "target");
    if (!target || target === UNKNOWN) {
        return [];
    }
    const { target: destination, arn } = graph.refer(schedule, "target", DESTINATION_TYPES, read(target, "arn"));
    const { principal, role } = graph.rolePrincipal(schedule, "target", read(target, "roleArn"));
    const edge = (what: string) => `Scheduler schedule ${describe(schedule)} -> ${what}`;
    const needs: Need[] = [];
    if (arn) {
        const action = SCHEDULER_TARGET_ACTIONS[arn.split(":")[2]];
        if (action && principal) {
            needs.push(...writeNeeds(graph, { at: schedule, edge: edge(destination ? describe(destination) : arn), principal, role },
                action, destination, arn, graph.roleContext(principal)));
        } else if (action) {
            needs.push({ at: schedule, edge: edge(destination ? describe(destination) : arn),
                principal: { kind: "service", service: "scheduler.amazonaws.com" }, action, resource: arn, target: destination,
                kind: "resource", context: {}, missingRole: true, missingRoleOf: "the schedule's target" });
        }
    }
    const dlqValue = read(target, "deadLetterConfig", "arn");
    if (isSet(dlqValue) && principal) {
        const { target: dlq, arn: dlqArn } = graph.refer(schedule, "target", [AWS.queue], dlqValue);
        if (dlqArn) {
            needs.push(...writeNeeds(graph, { at: schedule, edge: edge(`its DLQ ${dlq ? describe(dlq) : dlqArn}`), principal, role },
                "sqs:SendMessage", dlq, dlqArn, graph.roleContext(principal)));
        }
    }
    return needs;
}

/** The action EventBridge Scheduler calls for a target, by the target ARN's service (templated targets). */
export const SCHEDULER_TARGET_ACTIONS: Record<string, string> = {
    events: "events:PutEvents", lambda: "lambda:InvokeFunction", sqs: "sqs:SendMessage", states: "states:StartExecution",
    sns: "sns:Publish",
};

/**
 * Lambda's asynchronous invocation destinations: Lambda sends the invocation record with the function's execution
 * role, so the role needs sqs:SendMessage / sns:Publish / lambda:InvokeFunction / events:PutEvents on the
 * destination, and an encrypted queue's or topic's key ("Capturing records of Lambda asynchronous invocations",
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
function asyncInvokeNeeds(graph: AccessGraph, config: PolicyResource): Need[] {
    const [fnOrAlias] = graph.stack.referencedBy(config, "functionName", [AWS.lambdaFunction, AWS.lambdaAlias],
        [read(config.props, "functionName")]);
    const fn = fnOrAlias?.type === AWS.lambdaAlias
        ? graph.stack.referencedBy(fnOrAlias, "functionName", [AWS.lambdaFunction], [read(fnOrAlias.props, "functionName")])[0]
        : fnOrAlias;
    if (!fn) {
        return [];
    }
    const { principal, role } = graph.rolePrincipal(fn, "role", read(fn.props, "role"));
    if (!principal) {
        return [];
    }
    const needs: Need[] = [];
    for (const when of ["onFailure", "onSuccess"]) {
        const value = read(config.props, "destinationConfig", when, "destination");
        if (!isSet(value)) {
            continue;
        }
        const { target: destination, arn } = graph.refer(config, "destinationConfig", DESTINATION_TYPES, value);
        const action = arn ? ASYNC_DESTINATION_ACTIONS[arn.split(":")[2]] : undefined;
        if (arn && action) {
            needs.push(...writeNeeds(graph, { at: config, edge: `Lambda ${describe(fn)} (${when} destination) -> `
                + `${destination ? describe(destination) : arn}`, principal, role }, action, destination, arn, graph.roleContext(principal)));
        }
    }
    return needs;
}

const ASYNC_DESTINATION_ACTIONS: Record<string, string> = {
    sqs: "sqs:SendMessage", sns: "sns:Publish", lambda: "lambda:InvokeFunction", events: "events:PutEvents",
};

/** Every need of every edge of the graph. */
export function accessNeeds(graph: AccessGraph): Need[] {
    const s = graph.stack;
    return [
        ...s.ofType(AWS.eventTarget).flatMap((t) => eventTargetNeeds(graph, t)),
        ...s.ofType(AWS.eventBus).flatMap((b) => busNeeds(graph, b)),
        ...s.ofType(AWS.topicSubscription).flatMap((x) => subscriptionNeeds(graph, x)),
        ...s.ofType(AWS.bucketNotification).flatMap((n) => bucketNotificationNeeds(graph, n)),
        ...s.ofType(AWS.bucketLoggings).flatMap((l) => bucketLoggingNeeds(graph, l)),
        ...s.ofType(AWS.metricAlarm).flatMap((a) => alarmNeeds(graph, a)),
        ...s.ofType(AWS.lambdaFunction).flatMap((f) => functionNeeds(graph, f)),
        ...s.ofType(AWS.firehose).flatMap((f) => firehoseNeeds(graph, f)),
        ...s.ofType(AWS.logGroup).flatMap((g) => logGroupNeeds(graph, g)),
        ...s.ofType(AWS.stateMachine).flatMap((m) => stateMachineNeeds(graph, m)),
        ...s.ofType(AWS.schedule).flatMap((x) => scheduleNeeds(graph, x)),
        ...s.ofType(AWS.functionEventInvokeConfig).flatMap((c) => asyncInvokeNeeds(graph, c)),
    ];
}
