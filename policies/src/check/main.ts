/**
 * `./edp check --graph FILE [--config FILE] [--json]`: the pack over a graph.json, without the Pulumi CLI.
 * Exit 0: no mandatory violation; 1: at least one; 2: bad usage, or a graph or config that cannot be read.
 */
import { parseArgs } from "node:util";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies } from "../pack";
import { loadConfigFile, reconcileConfig, type PackConfig } from "./config";
import { UsageError } from "./errors";
import { loadGraph, toPolicyResources } from "./graph";
import { countByLevel, formatViolation } from "./report";
import { runPack } from "./runner";

const USAGE = `usage: ./edp check --graph FILE [--config FILE] [--json]
  --graph FILE    graph.json written by ./edp synth (or any file of that shape)
  --config FILE   policy pack config, as for pulumi preview --policy-pack-config
                  (dynamodb-deletion-protection.environment defaults to the graph's stack name)
  --json          print the violations as JSON instead of text
exit: 0 no mandatory violation, 1 mandatory violation(s), 2 bad usage or unreadable input`;

async function main(argv: string[]): Promise<number> {
    let values: { graph?: string; config?: string; json?: boolean; help?: boolean };
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                graph: { type: "string" },
                config: { type: "string" },
                json: { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        throw new UsageError(`${(e as Error).message}\n${USAGE}`);
    }
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    if (!values.graph) {
        throw new UsageError(`--graph FILE is required\n${USAGE}`);
    }
    const graph = loadGraph(values.graph);
    const given: PackConfig = values.config ? loadConfigFile(values.config) : {};
    // The graph's stack name says which environment this is, unless the config file says otherwise.
    const initial: PackConfig = graph.stack
        ? { "dynamodb-deletion-protection": { properties: { environment: graph.stack } } }
        : {};
    const config = reconcileConfig(policies, PACK_ENFORCEMENT_LEVEL, initial, given, values.config ?? "(default config)");
    const violations = await runPack(policies, toPolicyResources(graph), config, PACK_ENFORCEMENT_LEVEL);
    const counts = countByLevel(violations);

    if (values.json) {
        console.log(JSON.stringify({ graph: values.graph, stack: graph.stack, violations, ...counts }, null, 2));
    } else {
        const environment = config["dynamodb-deletion-protection"]?.properties.environment;
        console.log(`${PACK_NAME}: ${policies.length} policies over ${graph.resources.length} resources of ${values.graph} `
            + `(stack ${graph.stack ?? "unnamed"}, environment ${environment ?? "unset: treated as production"})`);
        for (const v of violations) {
            console.log(formatViolation(v));
        }
        console.log(`${counts.mandatory} mandatory, ${counts.advisory} advisory violation(s)`);
    }
    return counts.mandatory > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => {
        console.error(`edp check: ${e instanceof UsageError ? e.message : (e as Error).stack ?? e}`);
        process.exitCode = 2;
    });
