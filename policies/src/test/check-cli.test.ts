/** `./edp check` as CI runs it: exit codes, messages that name the file, text and JSON reports. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { AWS } from "../lib/types";
import { edpStack } from "./fixtures/edp-stack";
import { checkGraph, runEdp } from "./helpers/check-process";
import { doc } from "./helpers/documents";
import { GraphBuilder } from "./helpers/graph-builder";

test("bad usage exits 2 with the usage text", async () => {
    const none = await runEdp(["check"]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /--graph FILE is required\nusage: \.\/edp check/);
    const unknown = await runEdp(["check", "--graph", "x", "--frobnicate"]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown option '--frobnicate'/);
});

test("an unreadable graph or config exits 2 naming the file", async () => {
    const missing = await runEdp(["check", "--graph", "/nonexistent/graph.json"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /edp check: cannot read graph \/nonexistent\/graph.json: ENOENT/);
    const dir = mkdtempSync(path.join(tmpdir(), "edp-cli-"));
    const config = path.join(dir, "pack-config.json");
    writeFileSync(config, JSON.stringify({ "kms-key-rotation": { maxRotationPeriodDays: "yearly" } }));
    const graph = path.join(dir, "graph.json");
    writeFileSync(graph, JSON.stringify(edpStack("dev")));
    const bad = await runEdp(["check", "--graph", graph, "--config", config]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, new RegExp(`${config}: config of policy "kms-key-rotation" is invalid: /maxRotationPeriodDays must be integer`));
});

test("a violation prints level, policy, type, name and the fix; advisory alone exits 0", async () => {
    const g = new GraphBuilder("dev");
    g.add(AWS.rolePolicy, "writer-policy", { policy: doc({ Effect: "Allow", Action: "ssm:PutParameter", Resource: "*" }) });
    const run = await checkGraph(g.build());
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^\[advisory\] iam-wildcard-resource-writes {2}aws:iam\/rolePolicy:RolePolicy "writer-policy"\n {4}.*allows ssm:PutParameter on Resource "\*"/m);
    assert.match(run.stdout, /^0 mandatory, 1 advisory violation\(s\)$/m);
});

test("--config can make an advisory policy mandatory, and --json reports the same violations", async () => {
    const g = new GraphBuilder("dev");
    g.add(AWS.rolePolicy, "writer-policy", { policy: doc({ Effect: "Allow", Action: "ssm:PutParameter", Resource: "*" }) });
    const run = await checkGraph(g.build(), { "iam-wildcard-resource-writes": "mandatory" }, ["--json"]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout) as { mandatory: number; violations: { policyName: string; enforcementLevel: string; resource: { name: string } }[] };
    assert.equal(report.mandatory, 1);
    assert.deepEqual(report.violations.map((v) => [v.policyName, v.enforcementLevel, v.resource.name]),
        [["iam-wildcard-resource-writes", "mandatory", "writer-policy"]]);
});
