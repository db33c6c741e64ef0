/**
 * The offline gate over whole graphs: the hand-built fixture of one EventDrivenPattern for each stack, and the
 * real graphs `./edp synth` writes to build/graphs/<stack>/graph.json (written by `npm test` when the CLI has a
 * synth command; until then those tests skip, saying so).
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { Graph } from "../check/graph";
import { policies } from "../pack";
import { edpStack } from "./fixtures/edp-stack";
import { expectedHeaders } from "./fixtures/known-defects";
import { WEAKENINGS } from "./fixtures/weakenings";
import { checkGraph, REPO_ROOT, violationHeaders } from "./helpers/check-process";
import { gateSuite } from "./helpers/gate-suite";

test("every mandatory policy of the pack has a weakening that proves it can fail", () => {
    const mandatory = policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name).sort();
    const covered = [...new Set(WEAKENINGS.map((w) => w.policy))].sort();
    assert.deepEqual(covered, mandatory);
});

// The weakenings run on dev (as they would on the real dev graph); staging and prod must simply pass.
gateSuite("fixture dev", () => edpStack("dev"), "");
for (const stack of ["staging", "prod"]) {
    test(`fixture ${stack}: ./edp check finds no mandatory violation`, async () => {
        const run = await checkGraph(edpStack(stack));
        assert.equal(run.status, 0, run.stdout + run.stderr);
    });
}

test("fixture: the prod stack needs deletion protection, dev does not", async () => {
    const dev = edpStack("dev");
    const run = await checkGraph(dev, { "dynamodb-deletion-protection": { environment: "prod" } });
    assert.equal(run.status, 1);
    assert.ok(violationHeaders(run.stdout).includes('[mandatory] dynamodb-deletion-protection  aws:dynamodb/table:Table "orders-table"'),
        run.stdout);
    // With no config the environment is the graph's stack name: "dev" is not production.
    assert.equal((await checkGraph(dev)).status, 0);
});

function realGraph(stack: string): Graph | undefined {
    const file = path.join(REPO_ROOT, "build", "graphs", stack, "graph.json");
    return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) as Graph : undefined;
}

const NO_SYNTH = "no build/graphs/<stack>/graph.json: ./edp synth is not in this checkout yet (npm test writes the graphs once it is)";

// The real graphs show exactly the open pattern/ defects listed in fixtures/known-defects.ts.
gateSuite("real dev graph", () => realGraph("dev"), NO_SYNTH, expectedHeaders("dev"));
for (const stack of ["staging", "prod", "encrypted-fifo"]) {
    test(`real ${stack} graph: ./edp check finds exactly the known mandatory violations`, async (t) => {
        const graph = realGraph(stack);
        if (!graph) {
            t.skip(NO_SYNTH);
            return;
        }
        const run = await checkGraph(graph);
        const mandatory = [...new Set(violationHeaders(run.stdout).filter((h) => h.startsWith("[mandatory]")))].sort();
        assert.deepEqual(mandatory, expectedHeaders(stack), run.stdout + run.stderr);
        assert.equal(run.status, expectedHeaders(stack).length === 0 ? 0 : 1, run.stdout + run.stderr);
    });
}

// A program that imports the component (examples/consumer) writes its mock graph in `mvn verify`
// (ShopEventsTest.writesItsGraphForThePolicyPack); `./edp check` gates on it like on EDP's own stacks.
const CONSUMER_GRAPH = path.join(REPO_ROOT, "examples", "consumer", "target", "graph.json");
test("examples/consumer's graph (a program importing the component): ./edp check finds exactly the known mandatory violations", async (t) => {
    if (!existsSync(CONSUMER_GRAPH)) {
        t.skip("no examples/consumer/target/graph.json: run `mvn -f examples/consumer/pom.xml verify` (or ./edp test-example) first");
        return;
    }
    const run = await checkGraph(JSON.parse(readFileSync(CONSUMER_GRAPH, "utf8")) as Graph);
    const mandatory = [...new Set(violationHeaders(run.stdout).filter((h) => h.startsWith("[mandatory]")))].sort();
    assert.deepEqual(mandatory, expectedHeaders("consumer"), run.stdout + run.stderr);
    assert.match(run.stdout, /^\d+ mandatory, \d+ advisory violation\(s\)$/m);
});
