#!/usr/bin/env node
// Builds the pack: a clean bin/ (so a deleted source leaves no stale .js behind, not even a test), tsc, and the
// bin/.built stamp that ./edp compares with the sources to decide whether to build again.
"use strict";
const { rmSync, writeFileSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
rmSync(path.join(root, "bin"), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.json")],
    { stdio: "inherit" });
if (tsc.status !== 0) {
    process.exit(tsc.status ?? 1);
}
writeFileSync(path.join(root, "bin", ".built"), `${new Date().toISOString()}\n`);
