#!/usr/bin/env node
// Writes build/graphs/<stack>/graph.json for the dev, staging and prod stacks with `./edp synth`, when this checkout
// has the synth command and a graph is missing or older than the Java sources or stack config. Without the synth
// command it writes nothing and says so: the real-graph tests then skip, naming the reason.
"use strict";
const { existsSync, readdirSync, readFileSync, statSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");
// encrypted-fifo (issue 11): a stack with a FIFO consumer, sqs and lambda subscriptions and an encrypted bus.
const STACKS = ["dev", "staging", "prod", "encrypted-fifo"].filter((s) => existsSync(path.join(root, `Pulumi.${s}.yaml`)));

function files(dir) {
    if (!existsSync(dir)) {
        return [];
    }
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

// picocli declares each subcommand with @Command(name = "...").
const cliSources = files(path.join(root, "cli", "src", "main", "java")).filter((f) => f.endsWith(".java"));
const hasSynth = cliSources.some((f) => /@Command\s*\(\s*name\s*=\s*"synth"/.test(readFileSync(f, "utf8")));
if (!hasSynth) {
    console.log("real-graphs: this checkout's CLI has no synth command yet; the real-graph tests will skip");
    process.exit(0);
}

const inputs = ["runtime", "testing", "pattern", "stack", "cli"].flatMap((m) => files(path.join(root, m, "src", "main")))
    .concat(readdirSync(root).filter((f) => /^Pulumi.*\.yaml$/.test(f)).map((f) => path.join(root, f)));
const newestInput = Math.max(...inputs.map((f) => statSync(f).mtimeMs));

for (const stack of STACKS) {
    const out = path.join(root, "build", "graphs", stack);
    const graph = path.join(out, "graph.json");
    if (existsSync(graph) && statSync(graph).mtimeMs >= newestInput) {
        continue;
    }
    console.log(`real-graphs: ./edp synth --stack ${stack} --out ${path.relative(root, out)}`);
    const run = spawnSync(path.join(root, "edp"), ["synth", "--stack", stack, "--out", out], { cwd: root, stdio: "inherit" });
    if (run.status !== 0) {
        console.error(`real-graphs: ./edp synth --stack ${stack} failed (exit ${run.status ?? run.signal})`);
        process.exit(1);
    }
    if (!existsSync(graph)) {
        console.error(`real-graphs: ./edp synth --stack ${stack} wrote no ${graph}`);
        process.exit(1);
    }
}
