/** The offline runner's pieces: graph loading, config reconciliation, and CrossGuard's semantics in runPack. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { parseConfig, reconcileConfig } from "../check/config";
import { UsageError } from "../check/errors";
import { decodeWireValue, loadGraph, toPolicyResources } from "../check/graph";
import { runPack } from "../check/runner";
import { resourcePolicy, type EdpPolicy } from "../lib/policy-kit";
import { AWS } from "../lib/types";
import { policies, PACK_ENFORCEMENT_LEVEL } from "../pack";
import { UNKNOWN_STRING } from "./helpers/documents";
import { GraphBuilder } from "./helpers/graph-builder";

function tempFile(content: string): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "edp-runner-")), "file.json");
    writeFileSync(file, content);
    return file;
}

describe("loadGraph", () => {
    test("names the file in every error", () => {
        assert.throws(() => loadGraph("/nonexistent/graph.json"), (e: Error) => e instanceof UsageError && /cannot read graph \/nonexistent\/graph.json/.test(e.message));
        const broken = tempFile("{");
        assert.throws(() => loadGraph(broken), new RegExp(`graph ${broken} is not valid JSON`));
        const shape = tempFile(JSON.stringify({ resources: [{ urn: "u", type: 3, name: "n" }] }));
        assert.throws(() => loadGraph(shape), new RegExp(`graph ${shape} is not a graph.json .*/resources/0/type must be string`));
        const twice = tempFile(JSON.stringify({ resources: [{ urn: "u", type: "t", name: "n" }, { urn: "u", type: "t", name: "n" }] }));
        assert.throws(() => loadGraph(twice), /lists resource u twice/);
    });
});

describe("toPolicyResources", () => {
    test("resolves parents and dependencies to resources, dropping URNs not in the graph (as CrossGuard does)", () => {
        const g = new GraphBuilder("t");
        const parent = g.add("edp:index:EventDrivenPattern", "c");
        const key = g.add(AWS.kmsKey, "k", {}, {}, parent);
        const graph = g.build();
        graph.resources.push({ urn: "q", type: AWS.queue, name: "q", parent: parent.urn, inputs: {},
            dependencies: [key.urn, "missing"], propertyDependencies: { kmsMasterKeyId: [key.urn, "missing"] } });
        const [, k, q] = toPolicyResources(graph);
        assert.equal(q.parent?.name, "c");
        assert.deepEqual(q.dependencies, [k]);
        assert.deepEqual(q.propertyDependencies.kmsMasterKeyId, [k]);
    });
    test("unwraps secrets", () => {
        assert.deepEqual(decodeWireValue({ a: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: [1, "x"] } }), { a: [1, "x"] });
    });
});

describe("reconcileConfig", () => {
    const reconcile = (given: object, initial = {}) =>
        reconcileConfig(policies, PACK_ENFORCEMENT_LEVEL, parseConfig("test", initial), parseConfig("config.json", given), "config.json");

    test("fills every policy's defaults and its own level", () => {
        const config = reconcile({});
        assert.equal(config["sqs-dlq-retention"].enforcementLevel, "mandatory");
        assert.equal(config["sqs-dlq-retention"].properties.minRetentionSeconds, 345600);
        assert.equal(config["iam-wildcard-resource-writes"].enforcementLevel, "advisory");
    });
    test("applies all, then per-policy levels and properties, over the initial config", () => {
        const config = reconcile({ all: "advisory", "kms-key-rotation": { enforcementLevel: "disabled", maxRotationPeriodDays: 180 },
            "dynamodb-deletion-protection": { environment: "prod" } }, { "dynamodb-deletion-protection": { environment: "dev" } });
        assert.equal(config["sqs-dlq-retention"].enforcementLevel, "advisory");
        assert.deepEqual(config["kms-key-rotation"], { enforcementLevel: "disabled", properties: { maxRotationPeriodDays: 180 } });
        assert.equal(config["dynamodb-deletion-protection"].properties.environment, "prod");
    });
    test("rejects a policy name not in the pack, a bad level, a bad value and an unknown key, naming file and policy", () => {
        assert.throws(() => reconcile({ "sqs-queue-encryption": "advisory" }), /config.json: no policy named "sqs-queue-encryption" in the pack/);
        assert.throws(() => reconcile({ "kms-key-rotation": "strict" }), /config.json: "kms-key-rotation": "strict" is not an enforcement level/);
        assert.throws(() => reconcile({ "kms-key-rotation": { maxRotationPeriodDays: 10 } }),
            /config of policy "kms-key-rotation" is invalid: \/maxRotationPeriodDays must be >= 90/);
        assert.throws(() => reconcile({ "kms-key-rotation": { maxRotationPeriod: 100 } }), /must NOT have additional properties "maxRotationPeriod"/);
        assert.throws(() => reconcile({ all: { enforcementLevel: "advisory", x: 1 } }), /"all" takes only an enforcement level/);
    });
});

describe("runPack", () => {
    /** A policy that flags every queue, and reads its kmsMasterKeyId the plain way (no unknown handling). */
    const flagQueues: EdpPolicy = resourcePolicy({
        name: "flag-queues", summary: "test", enforcementLevel: "mandatory", severity: "low", equivalents: {}, types: [AWS.queue],
        validate(queue, _c, report) {
            report(`queue ${queue.name} key ${String(queue.props.kmsMasterKeyId)}`);
        },
    });
    const graph = () => {
        const g = new GraphBuilder("t");
        g.add(AWS.queue, "known", { kmsMasterKeyId: "k" });
        return toPolicyResources(g.build());
    };

    test("uses the configured level: disabled skips, remediate reports as mandatory", async () => {
        assert.deepEqual((await runPack([flagQueues], graph(), {}, "advisory")).map((v) => v.enforcementLevel), ["mandatory"]);
        assert.deepEqual(await runPack([flagQueues], graph(), { "flag-queues": { enforcementLevel: "disabled", properties: {} } }, "advisory"), []);
        const remediate = await runPack([flagQueues], graph(), { "flag-queues": { enforcementLevel: "remediate", properties: {} } }, "advisory");
        assert.equal(remediate[0].enforcementLevel, "mandatory");
        assert.deepEqual(remediate[0].resource, { urn: "urn:pulumi:t::edp::aws:sqs/queue:Queue::known", type: AWS.queue, name: "known" });
    });
    test("turns a value unknown during preview into an advisory can't-run, as CrossGuard does", async () => {
        const g = new GraphBuilder("t");
        g.add(AWS.queue, "pending", { kmsMasterKeyId: UNKNOWN_STRING });
        const [v] = await runPack([flagQueues], toPolicyResources(g.build()), {}, "mandatory");
        assert.equal(v.enforcementLevel, "advisory");
        assert.match(v.message, /can't run policy flag-queues during preview: string value at .kmsMasterKeyId can't be known during preview/);
    });
    test("fails loudly when a policy throws", async () => {
        const broken: EdpPolicy = { ...flagQueues, validateResource: () => { throw new TypeError("boom"); } } as EdpPolicy;
        await assert.rejects(runPack([broken], graph(), {}, "mandatory"), /policy flag-queues failed on urn:pulumi:t::edp::aws:sqs\/queue:Queue::known: TypeError: boom/);
    });
});
