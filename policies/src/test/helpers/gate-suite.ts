/**
 * The graph-level proof that the gate works, for any graph: the graph as given passes the whole pack through
 * `./edp check` (no mandatory violation), and each weakening of a copy makes `./edp check` exit 1 naming the
 * weakened resource under the weakened policy.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Graph } from "../../check/graph";
import { WEAKENINGS } from "../fixtures/weakenings";
import { checkGraph, violationHeaders } from "./check-process";

/**
 * `expected`: the mandatory violations the graph is known to show (headers as `./edp check` prints them, see
 * fixtures/known-defects.ts); the graph must show exactly those, so a new one and a fixed one both fail the test.
 */
export function gateSuite(label: string, load: () => Graph | undefined, skipReason: string, expected: string[] = []): void {
    test(`${label}: ./edp check finds ${expected.length === 0 ? "no mandatory violation" : `exactly the ${expected.length} known mandatory violations`}`, async (t) => {
        const graph = load();
        if (!graph) {
            t.skip(skipReason);
            return;
        }
        const run = await checkGraph(graph);
        const mandatory = [...new Set(violationHeaders(run.stdout).filter((h) => h.startsWith("[mandatory]")))].sort();
        assert.deepEqual(mandatory, expected, `mandatory violations differ from the expected list:\n${run.stdout}\n${run.stderr}`);
        if (expected.length === 0) {
            assert.equal(run.status, 0, `expected exit 0, got ${run.status}:\n${run.stdout}\n${run.stderr}`);
            assert.match(run.stdout, /^0 mandatory, \d+ advisory violation\(s\)$/m);
        }
    });

    test(`${label}: each weakened copy fails ./edp check, naming the resource`, { concurrency: 2 }, async (t) => {
        const graph = load();
        if (!graph) {
            t.skip(skipReason);
            return;
        }
        await Promise.all(WEAKENINGS.map((weakening) => t.test(`${weakening.policy}: ${weakening.what}`, async () => {
            const copy = structuredClone(graph);
            const victim = weakening.apply(copy);
            const run = await checkGraph(copy, weakening.config);
            assert.equal(run.status, 1, `expected exit 1, got ${run.status}:\n${run.stdout}\n${run.stderr}`);
            const headers = violationHeaders(run.stdout).filter((h) => h.startsWith(`[mandatory] ${weakening.policy} `));
            assert.ok(headers.some((h) => h.endsWith(`"${victim}"`)),
                `expected a mandatory ${weakening.policy} violation on "${victim}"; got:\n${run.stdout}`);
        })));
    });
}
