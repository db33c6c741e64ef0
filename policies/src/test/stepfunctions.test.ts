import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AWS } from "../lib/types";
import { stepfunctionsLogging, stepfunctionsTracing } from "../policies/stepfunctions";
import { runOnResource, single } from "./helpers/harness";

describe("stepfunctions-logging", () => {
    const machine = (level: string | undefined, destination = "arn:aws:logs:us-east-1:1:log-group:wf:*") =>
        single(AWS.stateMachine, { loggingConfiguration: { level, logDestination: destination } }, "workflow");
    test("passes any level but OFF with a destination (default minLevel FATAL)", async () => {
        for (const level of ["ALL", "ERROR", "FATAL"]) {
            assert.deepEqual(await runOnResource(stepfunctionsLogging, machine(level)), [], level);
        }
    });
    test("flags OFF, no logging configuration, and a missing destination", async () => {
        assert.match((await runOnResource(stepfunctionsLogging, machine("OFF")))[0], /"workflow" logs at level "OFF"/);
        assert.equal((await runOnResource(stepfunctionsLogging, single(AWS.stateMachine, {}))).length, 2);
        assert.match((await runOnResource(stepfunctionsLogging, machine("ALL", "")))[0], /has no log destination/);
    });
    test("takes the minimum level from config", async () => {
        assert.match((await runOnResource(stepfunctionsLogging, machine("ERROR"), { minLevel: "ALL" }))[0], /set loggingConfiguration.level to ALL\./);
    });
});

describe("stepfunctions-tracing", () => {
    test("passes tracing on, flags it off or absent", async () => {
        assert.deepEqual(await runOnResource(stepfunctionsTracing, single(AWS.stateMachine, { tracingConfiguration: { enabled: true } })), []);
        assert.match((await runOnResource(stepfunctionsTracing, single(AWS.stateMachine, {}, "wf")))[0], /"wf" is not traced/);
    });
});
