/** Runs `./edp check` as a process (the launcher at the repository root), on a graph and config written to a temp dir. */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Graph } from "../../check/graph";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..");

export interface CheckRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

export function runEdp(args: string[]): Promise<CheckRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(path.join(REPO_ROOT, "edp"), args, { cwd: REPO_ROOT });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => { stdout += d; });
        child.stderr.on("data", (d) => { stderr += d; });
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}

/** Writes the graph (and config) to a fresh temp dir and runs `./edp check` on them. */
export function checkGraph(graph: Graph, config?: Record<string, unknown>, extra: string[] = []): Promise<CheckRun> {
    const dir = mkdtempSync(path.join(tmpdir(), "edp-check-"));
    const graphFile = path.join(dir, "graph.json");
    writeFileSync(graphFile, JSON.stringify(graph));
    const args = ["check", "--graph", graphFile, ...extra];
    if (config) {
        const configFile = path.join(dir, "config.json");
        writeFileSync(configFile, JSON.stringify(config));
        args.push("--config", configFile);
    }
    return runEdp(args);
}

/** The `[level] policy  type "name"` header lines of a text report. */
export function violationHeaders(stdout: string): string[] {
    return stdout.split("\n").filter((line) => line.startsWith("["));
}
