/** Reads a JSON file for `./edp check`; every failure is a UsageError naming the file and what it is. */
import { readFileSync } from "node:fs";
import { UsageError } from "./errors";

/** `what` names the file's role in messages ("graph", "config"). Empty content gives `whenEmpty` if allowed. */
export function readJsonFile(file: string, what: string, whenEmpty?: unknown): unknown {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (e) {
        throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message}`);
    }
    if (text.trim() === "" && whenEmpty !== undefined) {
        return whenEmpty;
    }
    try {
        return JSON.parse(text);
    } catch (e) {
        throw new UsageError(`${what} ${file} is not valid JSON: ${(e as Error).message}`);
    }
}
