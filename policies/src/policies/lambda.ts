/**
 * Lambda: active tracing, an explicit log group with retention per function, partial batch failure reporting on SQS
 * event sources, a queue visibility timeout long enough for the function's retries, and asynchronous invocations
 * that keep what fails.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isSet, list, numberOr, read, UNKNOWN } from "../lib/inputs";
import { resourcePolicy, stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { StackGraph } from "../lib/stack-graph";
import { AWS, describe } from "../lib/types";
import { functionsOfMapping } from "./queue-semantics";

/** Lambda's default timeout, and SQS's default visibility timeout, in seconds. */
const LAMBDA_DEFAULT_TIMEOUT = 3;
const SQS_DEFAULT_VISIBILITY_TIMEOUT = 30;

export const lambdaTracingActive = resourcePolicy({
    name: "lambda-tracing-active",
    summary: "Lambda functions trace with X-Ray in Active mode (tracingConfig.mode), so every event's path is visible.",
    enforcementLevel: "mandatory",
    severity: "low",
    equivalents: { checkov: ["CKV_AWS_50"], cdkNag: ["Serverless-LambdaTracing"], securityHub: ["Lambda.7"] },
    types: [AWS.lambdaFunction],
    validate(fn, _config, report) {
        const mode = read(fn.props, "tracingConfig", "mode");
        if (mode !== "Active" && mode !== UNKNOWN) {
            report(`${describe(fn)} has tracing mode ${JSON.stringify(mode ?? "PassThrough (default)")}: set tracingConfig = { mode: "Active" }.`);
        }
    },
});

/**
 * The log groups a function writes to: the one named in its loggingConfig, or one named /aws/lambda/<function
 * name> (linked by the log group's `name` input being computed from the function, or by equal names).
 */
function logGroupsOf(stack: StackGraph, fn: PolicyResource): PolicyResource[] {
    const configured = stack.referencedBy(fn, "loggingConfig", [AWS.logGroup], [read(fn.props, "loggingConfig", "logGroup")]);
    if (configured.length > 0) {
        return configured;
    }
    const functionName = read(fn.props, "name");
    const byDependency = stack.referrersOf(fn, [AWS.logGroup], "name", () => []);
    const byName = typeof functionName === "string"
        ? stack.ofType(AWS.logGroup).filter((lg) => read(lg.props, "name") === `/aws/lambda/${functionName}`)
        : [];
    return [...new Set([...byDependency, ...byName])];
}

export const lambdaLogGroupRetention = stackPolicy({
    name: "lambda-log-group-retention",
    summary: "Every Lambda function has its own log group in the stack, with a retention period (otherwise Lambda creates "
        + "/aws/lambda/<name> on first run, kept forever and outside the stack).",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: { checkov: ["CKV_AWS_66", "CKV_AWS_338"], cdkNag: ["Serverless-CloudWatchLogGroupRetentionPeriod"] },
    validate(stack, _config, report) {
        for (const fn of stack.ofType(AWS.lambdaFunction)) {
            const groups = logGroupsOf(stack, fn);
            if (groups.length === 0) {
                report(`${describe(fn)} has no log group in the stack: create an aws:cloudwatch/logGroup:LogGroup named `
                    + "/aws/lambda/<function name> (or set loggingConfig.logGroup to one) with retentionInDays.", fn);
                continue;
            }
            for (const group of groups) {
                const retention = read(group.props, "retentionInDays");
                if (!isSet(retention) || retention === 0) {
                    report(`${describe(group)}, the log group of ${describe(fn)}, keeps logs forever: set retentionInDays.`, group);
                }
            }
        }
    },
});

/** The SQS queue(s) of the stack an event source mapping reads from; `external` when its ARN is an SQS ARN outside the stack. */
function sqsSourceOf(stack: StackGraph, mapping: PolicyResource): { queues: PolicyResource[]; isSqs: boolean } {
    const arn = read(mapping.props, "eventSourceArn");
    const queues = stack.referencedBy(mapping, "eventSourceArn", [AWS.queue], [arn]);
    return { queues, isSqs: queues.length > 0 || (typeof arn === "string" && /^arn:aws[a-z-]*:sqs:/.test(arn)) };
}

export const lambdaSqsBatchItemFailures = stackPolicy({
    name: "lambda-sqs-batch-item-failures",
    summary: "Every SQS event source mapping reports batch item failures (functionResponseTypes: ReportBatchItemFailures), "
        + "so one failed message does not send the whole batch back to the queue.",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: {},
    validate(stack, _config, report) {
        for (const mapping of stack.ofType(AWS.eventSourceMapping)) {
            if (!sqsSourceOf(stack, mapping).isSqs) {
                continue;
            }
            const types = read(mapping.props, "functionResponseTypes");
            if (types !== UNKNOWN && !list(types).includes("ReportBatchItemFailures")) {
                report(`${describe(mapping)} reads an SQS queue without reporting batch item failures: set `
                    + `functionResponseTypes: ["ReportBatchItemFailures"] and return {"batchItemFailures": [...]} from the function.`, mapping);
            }
        }
    },
});

interface VisibilityConfig { multiplier: number }

export const lambdaTimeoutWithinVisibility = stackPolicy<VisibilityConfig>({
    name: "lambda-timeout-within-visibility",
    summary: "For every SQS event source, the queue's visibility timeout is at least 6 x the function's timeout (AWS's "
        + "guidance; advisory, the hard minimum of 1 x is sqs-visibility-covers-function-timeout), so a message is not "
        + "redelivered while a throttled or retried invocation still holds it.",
    enforcementLevel: "advisory",
    severity: "medium",
    equivalents: { cdkNag: ["LambdaEventSourceSQSVisibilityTimeout"] },
    config: {
        multiplier: { type: "number", minimum: 1, default: 6, description: "Required visibility timeout / function timeout ratio." },
    },
    validate(stack, config, report) {
        for (const mapping of stack.ofType(AWS.eventSourceMapping)) {
            const functions = functionsOfMapping(stack, mapping);
            for (const queue of sqsSourceOf(stack, mapping).queues) {
                for (const fn of functions) {
                    const timeout = numberOr(read(fn.props, "timeout"), LAMBDA_DEFAULT_TIMEOUT);
                    const visibility = numberOr(read(queue.props, "visibilityTimeoutSeconds"), SQS_DEFAULT_VISIBILITY_TIMEOUT);
                    if (timeout === UNKNOWN || visibility === UNKNOWN) {
                        continue;
                    }
                    if (timeout * config.multiplier > visibility) {
                        report(`${describe(queue)} has visibilityTimeoutSeconds ${visibility}, less than ${config.multiplier} x the `
                            + `${timeout} s timeout of ${describe(fn)} it feeds (via ${describe(mapping)}): set it to at least `
                            + `${Math.ceil(timeout * config.multiplier)} or lower the function's timeout.`, queue);
                    }
                }
            }
        }
    },
});


/**
 * Lambda's asynchronous invocation (what EventBridge, SNS and S3 use): its retry settings within the ranges the API
 * accepts (PutFunctionEventInvokeConfig: MaximumRetryAttempts 0-2, MaximumEventAgeInSeconds 60-21600,
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html), destinations that Lambda can
 * deliver to (standard queues and topics, no FIFO: "Capturing records of Lambda asynchronous invocations",
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html), and, for a function an
 * EventBridge rule invokes, somewhere for a failed event to go (an on-failure destination, or the function's
 * dead-letter queue): the target's DLQ only takes what EventBridge could not hand to Lambda, not what the function
 * failed.
 */
export const lambdaAsyncInvocation = stackPolicy({
    name: "lambda-async-invocation",
    summary: "Functions invoked asynchronously keep what fails: MaximumRetryAttempts in 0-2 and MaximumEventAgeInSeconds in "
        + "60-21600 (PutFunctionEventInvokeConfig), destinations that are standard (not FIFO) queues or topics, and every "
        + "function an EventBridge rule targets has an on-failure destination or a dead-letter queue "
        + "(https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: {},
    validate(stack, _config, report) {
        const configuredFunctions = new Set<PolicyResource>();
        for (const config of stack.ofType(AWS.functionEventInvokeConfig)) {
            const retries = read(config.props, "maximumRetryAttempts");
            if (typeof retries === "number" && (retries < 0 || retries > 2 || !Number.isInteger(retries))) {
                report(`${describe(config)} has maximumRetryAttempts ${retries}: Lambda accepts 0, 1 or 2.`, config);
            }
            const age = read(config.props, "maximumEventAgeInSeconds");
            if (typeof age === "number" && (age < 60 || age > 21600)) {
                report(`${describe(config)} has maximumEventAgeInSeconds ${age}: Lambda accepts 60 to 21600 seconds (6 hours).`, config);
            }
            for (const when of ["onFailure", "onSuccess"]) {
                const destination = read(config.props, "destinationConfig", when, "destination");
                const [resource] = stack.referencedBy(config, "destinationConfig", [AWS.queue, AWS.topic], [destination]);
                const fifo = resource ? read(resource.props, resource.type === AWS.queue ? "fifoQueue" : "fifoTopic") === true
                    : typeof destination === "string" && destination.endsWith(".fifo");
                if (fifo) {
                    report(`${describe(config)}'s ${when} destination ${resource ? describe(resource) : destination} is FIFO: Lambda `
                        + "sends invocation records only to standard queues and topics.", config);
                }
            }
            const fn = functionOf(stack, config);
            if (fn && isSet(read(config.props, "destinationConfig", "onFailure", "destination"))) {
                configuredFunctions.add(fn);
            }
        }
        for (const target of stack.ofType(AWS.eventTarget)) {
            const [fnOrAlias] = stack.referencedBy(target, "arn", [AWS.lambdaFunction, AWS.lambdaAlias], [read(target.props, "arn")]);
            const fn = fnOrAlias?.type === AWS.lambdaAlias ? aliasFunction(stack, fnOrAlias) : fnOrAlias;
            if (fn && !configuredFunctions.has(fn) && !isSet(read(fn.props, "deadLetterConfig", "targetArn"))) {
                report(`${describe(fn)} is invoked asynchronously by ${describe(target)} and has neither an on-failure destination `
                    + "(aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig destinationConfig.onFailure) nor a "
                    + "deadLetterConfig: an event it fails after Lambda's retries is lost.", target);
            }
        }
    },
});

function aliasFunction(stack: StackGraph, alias: PolicyResource): PolicyResource | undefined {
    return stack.referencedBy(alias, "functionName", [AWS.lambdaFunction], [read(alias.props, "functionName")])[0];
}

/** The function a FunctionEventInvokeConfig configures (through its alias, if it names one). */
function functionOf(stack: StackGraph, config: PolicyResource): PolicyResource | undefined {
    const [fnOrAlias] = stack.referencedBy(config, "functionName", [AWS.lambdaFunction, AWS.lambdaAlias], [read(config.props, "functionName")]);
    return fnOrAlias?.type === AWS.lambdaAlias ? aliasFunction(stack, fnOrAlias) : fnOrAlias;
}

export const lambdaPolicies: EdpPolicy[] = [lambdaTracingActive, lambdaLogGroupRetention, lambdaSqsBatchItemFailures,
    lambdaTimeoutWithinVisibility, lambdaAsyncInvocation];
