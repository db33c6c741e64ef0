/**
 * Links between the resources of a stack, for stack policies. Computed outputs (ARNs, URLs, generated names) are
 * not inputs, so a queue policy cannot be matched to its queue by value during preview; what links them is
 * `propertyDependencies`: for each input, the resources its value was computed from. That is exactly what
 * CrossGuard gives a stack policy, and what `./edp synth` writes into graph.json, so the same code serves both.
 *
 * When an input was written as a literal (say, a bucket name typed by hand) there is no property dependency; then
 * a link is also accepted when the input's value equals one of the target's identifiers (arn, url, name, ...),
 * which CrossGuard has after `pulumi up` and which graph.json has for explicitly named resources.
 */
import type { PolicyResource } from "@pulumi/policy";
import { read } from "./inputs";

/** Outputs (or explicit-name inputs) by which other resources refer to a resource. */
const IDENTIFIER_KEYS = ["arn", "url", "id", "name", "bucket", "keyId", "dashboardName"];

export class StackGraph {
    readonly resources: readonly PolicyResource[];
    private readonly byType = new Map<string, PolicyResource[]>();

    constructor(resources: readonly PolicyResource[]) {
        this.resources = resources;
        for (const r of resources) {
            const list = this.byType.get(r.type) ?? [];
            list.push(r);
            this.byType.set(r.type, list);
        }
    }

    /** Every resource of any of these type tokens, in stack order. */
    ofType(...types: (string | readonly string[])[]): PolicyResource[] {
        return types.flat().flatMap((t) => this.byType.get(t) ?? []);
    }

    /**
     * The resources of `types` that `from`'s input `input` refers to: by property dependency, or else by value
     * (`values`: the strings found in that input, e.g. the ARN inside a redrive policy document).
     */
    referencedBy(from: PolicyResource, input: string, types: readonly string[], values: unknown[] = []): PolicyResource[] {
        const dependencies = (from.propertyDependencies[input] ?? []).filter((r) => types.includes(r.type));
        if (dependencies.length > 0) {
            return dependencies;
        }
        const strings = values.filter((v): v is string => typeof v === "string" && v !== "");
        if (strings.length === 0) {
            return [];
        }
        return this.ofType(types).filter((candidate) => identifiers(candidate).some((id) => strings.includes(id)));
    }

    /** The resources of `fromTypes` whose input `input` refers to `target` (see {@link referencedBy}). */
    referrersOf(target: PolicyResource, fromTypes: readonly string[], input: string,
                valuesOf: (from: PolicyResource) => unknown[] = (from) => [read(from.props, input)]): PolicyResource[] {
        return this.ofType(fromTypes).filter((from) =>
            this.referencedBy(from, input, [target.type], valuesOf(from)).includes(target));
    }
}

/** The known identifier values of a resource (unknown ones are skipped: they cannot match anything yet). */
export function identifiers(resource: PolicyResource): string[] {
    const ids: string[] = [];
    for (const key of IDENTIFIER_KEYS) {
        const value = read(resource.props, key);
        if (typeof value === "string" && value !== "") {
            ids.push(value);
        }
    }
    return ids;
}
