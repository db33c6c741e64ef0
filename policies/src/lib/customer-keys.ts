/**
 * "Encrypted with a customer managed KMS key": the key input is set, and is not an AWS managed key (alias/aws/sqs,
 * alias/aws/sns, ...: the account cannot control who may use those, nor rotate or disable them).
 */
import { UNKNOWN } from "./inputs";

/** alias/aws/<service> or arn:aws:kms:...:alias/aws/<service>. */
export function isAwsManagedKeyAlias(value: string): boolean {
    return /(^|:)alias\/aws\//.test(value);
}

/**
 * Why `value` (a key id, key ARN, alias name or alias ARN) is not a customer managed key, or undefined when it
 * is. A value computed from another resource (unknown in preview) comes from a key or alias in the stack, which
 * is customer managed by construction.
 */
export function customerKeyProblem(value: unknown): string | undefined {
    if (value === UNKNOWN) {
        return undefined;
    }
    if (value === undefined || value === null || value === "") {
        return "no KMS key is set";
    }
    if (typeof value !== "string") {
        return `the key is ${JSON.stringify(value)}, not a key id, key ARN or alias`;
    }
    if (isAwsManagedKeyAlias(value)) {
        return `${value} is an AWS managed key`;
    }
    return undefined;
}
