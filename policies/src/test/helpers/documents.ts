/** Policy documents and other JSON inputs the unit tests reuse. */
export const json = (value: unknown): string => JSON.stringify(value);

export function tlsDeny(service: string, resource = "*"): Record<string, unknown> {
    return { Effect: "Deny", Principal: "*", Action: `${service}:*`, Resource: resource, Condition: { Bool: { "aws:SecureTransport": "false" } } };
}

export function doc(...statements: Record<string, unknown>[]): string {
    return json({ Version: "2012-10-17", Statement: statements });
}

/** The string Pulumi uses on the wire for an unknown (computed, not yet known) string during preview. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
