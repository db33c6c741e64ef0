/** The identity policy documents a resource carries (role inline policies, role/user/group policies, managed policies). */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { parsePolicyDocument, type Statement } from "./iam-documents";
import { list, read } from "./inputs";
import { AWS } from "./types";

/**
 * Each identity policy document a resource carries, with where it sits (for the message). A role's trust policy
 * (assumeRolePolicy) is not an identity policy and is not checked here.
 */
export function identityDocuments(resource: Pick<ResourceValidationArgs, "type" | "props">): { where: string; statements: Statement[] | undefined; error?: string }[] {
    const raw: { where: string; value: unknown }[] = resource.type === AWS.role
        ? list(read(resource.props, "inlinePolicies")).map((p, i) => ({
            where: `inline policy ${JSON.stringify(read(p, "name") ?? i)}`, value: read(p, "policy") }))
        : [{ where: "policy", value: read(resource.props, "policy") }];
    return raw.map(({ where, value }) => {
        const parsed = parsePolicyDocument(value);
        if (parsed.ok) {
            return { where, statements: parsed.value };
        }
        // Unknown during preview: checked on `pulumi up`. A broken document is reported.
        return { where, statements: undefined, error: parsed.unknown ? undefined : parsed.error };
    });
}

