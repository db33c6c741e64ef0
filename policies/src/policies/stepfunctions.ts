/** Step Functions: execution logging to CloudWatch Logs, and X-Ray tracing. */
import { isSet, read, UNKNOWN } from "../lib/inputs";
import { resourcePolicy, type EdpPolicy } from "../lib/policy-kit";
import { AWS, describe } from "../lib/types";

/** Log levels from most to least verbose; OFF logs nothing. */
const LEVELS = ["ALL", "ERROR", "FATAL", "OFF"];

interface LoggingConfig { minLevel: "ALL" | "ERROR" | "FATAL" }

export const stepfunctionsLogging = resourcePolicy<LoggingConfig>({
    name: "stepfunctions-logging",
    summary: "State machines log executions to CloudWatch Logs: loggingConfiguration.level is not OFF (at least "
        + "minLevel) and logDestination is set.",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: { checkov: ["CKV_AWS_285"], cdkNag: ["AwsSolutions-SF1"], securityHub: ["StepFunctions.1"] },
    config: {
        minLevel: {
            type: "string", enum: ["ALL", "ERROR", "FATAL"], default: "FATAL",
            description: "Least verbose level allowed. FATAL accepts any level but OFF; ALL is what cdk-nag's SF1 demands.",
        },
    },
    types: [AWS.stateMachine],
    validate(machine, config, report) {
        const level = read(machine.props, "loggingConfiguration", "level") ?? "OFF";
        if (level !== UNKNOWN && (typeof level !== "string" || !LEVELS.includes(level)
            || LEVELS.indexOf(level) > LEVELS.indexOf(config.minLevel))) {
            report(`${describe(machine)} logs at level ${JSON.stringify(level)}: set loggingConfiguration.level to `
                + `${LEVELS.slice(0, LEVELS.indexOf(config.minLevel) + 1).join(" or ")}.`);
        }
        if (!isSet(read(machine.props, "loggingConfiguration", "logDestination"))) {
            report(`${describe(machine)} has no log destination: set loggingConfiguration.logDestination to "<log group arn>:*".`);
        }
    },
});

export const stepfunctionsTracing = resourcePolicy({
    name: "stepfunctions-tracing",
    summary: "State machines trace with X-Ray (tracingConfiguration.enabled).",
    enforcementLevel: "mandatory",
    severity: "low",
    equivalents: { checkov: ["CKV_AWS_284"], cdkNag: ["AwsSolutions-SF2", "Serverless-StepFunctionStateMachineXray"] },
    types: [AWS.stateMachine],
    validate(machine, _config, report) {
        const enabled = read(machine.props, "tracingConfiguration", "enabled");
        if (enabled !== true && enabled !== UNKNOWN) {
            report(`${describe(machine)} is not traced: set tracingConfiguration = { enabled: true }.`);
        }
    },
});

export const stepfunctionsPolicies: EdpPolicy[] = [stepfunctionsLogging, stepfunctionsTracing];
