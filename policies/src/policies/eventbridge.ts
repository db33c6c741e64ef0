/**
 * EventBridge: an archive for every custom bus (events can be replayed after a bug is fixed), a DLQ and an
 * explicit retry policy for every target, and no rule that matches every event except the declared audit
 * catch-all.
 */
import { isSet, parseJsonInput, read, UNKNOWN } from "../lib/inputs";
import { resourcePolicy, stackPolicy, type EdpPolicy } from "../lib/policy-kit";
import { AWS, describe } from "../lib/types";

/** Matches a name (logical, or physical when explicit) against a list of names. */
function named(resource: { name: string; props: Record<string, unknown> }, names: string[]): boolean {
    const physical = read(resource.props, "name");
    return names.includes(resource.name) || (typeof physical === "string" && names.includes(physical));
}

interface ArchiveConfig { exemptBusNames: string[] }

export const eventbridgeBusArchive = stackPolicy<ArchiveConfig>({
    name: "eventbridge-bus-archive",
    summary: "Every custom EventBridge bus has an archive (aws:cloudwatch/eventArchive:EventArchive with the bus as "
        + "eventSourceArn), so events can be replayed once a consumer is fixed.",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: {},
    config: {
        exemptBusNames: {
            type: "array", items: { type: "string" }, default: [],
            description: "Buses (logical or physical names) that need no archive, e.g. a bus that only receives replays.",
        },
    },
    validate(stack, config, report) {
        for (const bus of stack.ofType(AWS.eventBus)) {
            if (named(bus, config.exemptBusNames)) {
                continue;
            }
            if (stack.referrersOf(bus, [AWS.eventArchive], "eventSourceArn").length === 0) {
                report(`${describe(bus)} has no archive: add an aws:cloudwatch/eventArchive:EventArchive with `
                    + "eventSourceArn = the bus's arn (and retentionDays), or list the bus in exemptBusNames.", bus);
            }
        }
    },
});

export const eventbridgeTargetDlqAndRetry = resourcePolicy({
    name: "eventbridge-target-dlq-retry",
    summary: "Every EventBridge target has a dead-letter queue (deadLetterConfig.arn) and an explicit retry policy "
        + "(retryPolicy), so undeliverable events are kept instead of dropped after 24 hours of retries.",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: { cdkNag: ["Serverless-EventBusDLQ"] },
    types: [AWS.eventTarget],
    validate(target, _config, report) {
        if (!isSet(read(target.props, "deadLetterConfig", "arn"))) {
            report(`${describe(target)} has no dead-letter queue: set deadLetterConfig = { arn: <SQS queue arn> } `
                + "(and let events.amazonaws.com send to that queue).");
        }
        const retry = read(target.props, "retryPolicy");
        if (retry !== UNKNOWN && !isSet(read(retry, "maximumRetryAttempts")) && !isSet(read(retry, "maximumEventAgeInSeconds"))) {
            report(`${describe(target)} has no retry policy: set retryPolicy = { maximumRetryAttempts, maximumEventAgeInSeconds }.`);
        }
    },
});

/** Envelope fields every EventBridge event has: a pattern that accepts any value of these accepts every event. */
const ALWAYS_PRESENT_FIELDS = new Set(["source", "detail-type", "account", "region", "id", "time", "version"]);

/** A content filter that every value satisfies: {"prefix": ""}, {"suffix": ""}, {"wildcard": "*"}, {"exists": true}. */
function matchesAnyValue(matcher: unknown): boolean {
    if (typeof matcher !== "object" || matcher === null || Array.isArray(matcher)) {
        return false;
    }
    const m = matcher as Record<string, unknown>;
    return m.prefix === "" || m.suffix === "" || m.wildcard === "*" || m.exists === true;
}

/** Why an event pattern matches every event, or undefined when it filters something. */
function matchAllReason(pattern: unknown): string | undefined {
    if (typeof pattern !== "object" || pattern === null || Array.isArray(pattern)) {
        return undefined;
    }
    const fields = Object.entries(pattern);
    if (fields.length === 0) {
        return "its event pattern is empty";
    }
    const allOpen = fields.every(([field, matchers]) => ALWAYS_PRESENT_FIELDS.has(field)
        && Array.isArray(matchers) && matchers.some(matchesAnyValue));
    return allOpen ? `its event pattern ${JSON.stringify(pattern)} matches every event` : undefined;
}

interface CatchAllConfig { catchAllRuleNames: string[]; catchAllRuleNameSuffixes: string[] }

/** EventDrivenPattern names its audit catch-all rule `<component>-audit-rule`. */
export const DEFAULT_CATCH_ALL_SUFFIXES = ["-audit-rule"];

export const eventbridgeRuleNotMatchAll = resourcePolicy<CatchAllConfig>({
    name: "eventbridge-rule-not-match-all",
    summary: "No EventBridge rule has an empty or match-everything event pattern, except rules declared as audit "
        + "catch-alls in the config (by name or name suffix): a catch-all rule fans every event out to its targets.",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: {},
    config: {
        catchAllRuleNames: {
            type: "array", items: { type: "string" }, default: [],
            description: "Rules (logical or physical names) allowed to match every event.",
        },
        catchAllRuleNameSuffixes: {
            type: "array", items: { type: "string" }, default: DEFAULT_CATCH_ALL_SUFFIXES,
            description: "Rules whose logical or physical name ends with one of these are allowed to match every event "
                + "(EDP names its audit rule <component>-audit-rule). Replacing the list drops the default.",
        },
    },
    types: [AWS.eventRule],
    validate(rule, config, report) {
        const physical = read(rule.props, "name");
        const names = [rule.name, ...(typeof physical === "string" ? [physical] : [])];
        if (named(rule, config.catchAllRuleNames)
            || names.some((n) => config.catchAllRuleNameSuffixes.some((suffix) => suffix !== "" && n.endsWith(suffix)))) {
            return;
        }
        const patternInput = read(rule.props, "eventPattern");
        if (!isSet(patternInput)) {
            if (!isSet(read(rule.props, "scheduleExpression"))) {
                report(`${describe(rule)} has neither an event pattern nor a schedule: give it an eventPattern that selects its events.`);
            }
            return;
        }
        const parsed = parseJsonInput(patternInput);
        if (!parsed.ok) {
            if (!parsed.unknown) {
                report(`${describe(rule)}: its eventPattern ${parsed.error}.`);
            }
            return;
        }
        const reason = matchAllReason(parsed.value);
        if (reason) {
            report(`${describe(rule)} matches every event (${reason}): narrow the pattern (source, detail-type...), or, `
                + "if it is the audit catch-all, list it in catchAllRuleNames or give its name a catchAllRuleNameSuffixes suffix.");
        }
    },
});

export const eventbridgePolicies: EdpPolicy[] = [eventbridgeBusArchive, eventbridgeTargetDlqAndRetry, eventbridgeRuleNotMatchAll];
