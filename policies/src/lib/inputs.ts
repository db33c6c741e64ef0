/**
 * Reading resource inputs the way CrossGuard hands them over. Under `pulumi preview` a value computed from another
 * resource that does not exist yet is "unknown": CrossGuard wraps props in a proxy that throws UnknownValueError
 * when such a value is touched. Policies read through {@link read}, which turns that into {@link UNKNOWN}, so each
 * check can decide what an unknown value means for it (for "is it set?" checks, a value computed from another
 * resource is set; content checks are deferred to `pulumi up`, where every input is known).
 */

// @pulumi/policy exports these at run time but strips their types (they are marked @internal): type them here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const policyRuntime = require("@pulumi/policy") as {
    unknownCheckingProxy<T>(value: T): T;
    UnknownValueError: new (...args: never[]) => Error;
};

/** CrossGuard's own proxy: the offline runner wraps props with it so policies meet exactly what preview gives. */
export const unknownCheckingProxy = policyRuntime.unknownCheckingProxy;
export const UnknownValueError = policyRuntime.UnknownValueError;

/** A value that is not known until the resources it is computed from are created. */
export const UNKNOWN: unique symbol = Symbol("unknown until the resources it depends on are created");
export type Unknown = typeof UNKNOWN;

/** Reads `obj[path[0]][path[1]]...`; undefined when any step is absent, UNKNOWN when a step is unknown. */
export function read(obj: unknown, ...path: (string | number)[]): unknown {
    let current: unknown = obj;
    for (const key of path) {
        if (current === undefined || current === null || current === UNKNOWN || typeof current !== "object") {
            return current === UNKNOWN ? UNKNOWN : undefined;
        }
        try {
            current = (current as Record<string | number, unknown>)[key];
        } catch (e) {
            if (e instanceof UnknownValueError) {
                return UNKNOWN;
            }
            throw e;
        }
    }
    return current;
}

/** True when an input has a value: present and not empty. An UNKNOWN value counts as set. */
export function isSet(value: unknown): boolean {
    return value !== undefined && value !== null && value !== "";
}

/** The elements of a list input (each read unknown-safely); a single value is a list of one; absent is empty. */
export function list(value: unknown): unknown[] {
    if (value === undefined || value === null || value === UNKNOWN) {
        return [];
    }
    if (!Array.isArray(value)) {
        return [value];
    }
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
        out.push(read(value, i));
    }
    return out;
}

/** A number input; AWS's documented default when it is absent (the value AWS would apply). */
export function numberOr(value: unknown, awsDefault: number): number | Unknown {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof value === "number") {
        return value;
    }
    if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) {
        return Number(value);
    }
    return awsDefault;
}

/** The outcome of parsing a JSON-document input (redrive policy, IAM policy, event pattern...). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; unknown: true } | { ok: false; unknown: false; error: string };

/**
 * Parses an input that the provider takes as a JSON string. Users' SDKs sometimes pass the object itself, so an
 * object is accepted as already parsed. A parse failure is returned (not thrown) so the policy can report it
 * against the resource and field, which is where the user has to fix it.
 */
export function parseJsonInput(value: unknown): Parsed<unknown> {
    if (value === UNKNOWN) {
        return { ok: false, unknown: true };
    }
    if (typeof value === "string") {
        try {
            return { ok: true, value: JSON.parse(value) };
        } catch (e) {
            return { ok: false, unknown: false, error: `is not valid JSON (${(e as Error).message})` };
        }
    }
    if (value !== null && typeof value === "object") {
        return { ok: true, value };
    }
    return { ok: false, unknown: false, error: `must be a JSON document, got ${JSON.stringify(value)}` };
}
