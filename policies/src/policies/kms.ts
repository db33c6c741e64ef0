/** KMS: rotation on, and no key policy granting kms:* to anything but the account root. */
import { isAccountRoot, parsePolicyDocument, principalsOf, statementLabel, wholeServiceWildcard } from "../lib/iam-documents";
import { numberOr, read, UNKNOWN } from "../lib/inputs";
import { resourcePolicy, type EdpPolicy } from "../lib/policy-kit";
import { AWS, describe } from "../lib/types";

/** Keys that KMS can rotate automatically: symmetric encryption keys (asymmetric and HMAC keys cannot rotate). */
function isRotatable(key: { props: Record<string, unknown> }): boolean {
    const spec = read(key.props, "customerMasterKeySpec") ?? "SYMMETRIC_DEFAULT";
    const usage = read(key.props, "keyUsage") ?? "ENCRYPT_DECRYPT";
    return (spec === "SYMMETRIC_DEFAULT" || spec === UNKNOWN) && (usage === "ENCRYPT_DECRYPT" || usage === UNKNOWN);
}

interface RotationConfig { maxRotationPeriodDays: number }

export const kmsKeyRotation = resourcePolicy<RotationConfig>({
    name: "kms-key-rotation",
    summary: "Symmetric KMS keys have automatic rotation enabled (enableKeyRotation), at most every maxRotationPeriodDays.",
    enforcementLevel: "mandatory",
    severity: "medium",
    equivalents: { checkov: ["CKV_AWS_7"], cdkNag: ["AwsSolutions-KMS5"], securityHub: ["KMS.4"] },
    config: {
        maxRotationPeriodDays: {
            type: "integer", minimum: 90, maximum: 2560, default: 365,
            description: "Longest allowed rotationPeriodInDays (KMS: 90..2560, default 365).",
        },
    },
    types: [AWS.kmsKey],
    validate(key, config, report) {
        if (!isRotatable(key)) {
            return;
        }
        const enabled = read(key.props, "enableKeyRotation");
        if (enabled !== true && enabled !== UNKNOWN) {
            report(`${describe(key)} does not rotate: set enableKeyRotation: true.`);
            return;
        }
        const period = numberOr(read(key.props, "rotationPeriodInDays"), 365);
        if (period !== UNKNOWN && period > config.maxRotationPeriodDays) {
            report(`${describe(key)} rotates every ${period} days: set rotationPeriodInDays to at most ${config.maxRotationPeriodDays}.`);
        }
    },
});

export const kmsNoWildcardGrants = resourcePolicy({
    name: "kms-no-wildcard-grants",
    summary: "No key policy allows kms:* (or *) to any principal but the account root; services and roles get the "
        + "specific actions they use (kms:Decrypt, kms:GenerateDataKey*...).",
    enforcementLevel: "mandatory",
    severity: "high",
    equivalents: {},
    types: [AWS.kmsKey, AWS.kmsKeyPolicy],
    validate(key, _config, report) {
        const policy = read(key.props, "policy");
        if (policy === undefined || policy === null || policy === "") {
            return; // KMS's default key policy: kms:* for the account root only.
        }
        const parsed = parsePolicyDocument(policy);
        if (!parsed.ok) {
            if (!parsed.unknown) {
                report(`${describe(key)}: its key policy ${parsed.error}; fix the document.`);
            }
            return;
        }
        parsed.value.forEach((statement, i) => {
            if (statement.effect !== "Allow" || !statement.actions.some((a) => a === "*" || a.toLowerCase() === "kms:*")) {
                return;
            }
            const others = principalsOf(statement).filter((p) => !(p.startsWith("AWS:") && isAccountRoot(p.slice(4))));
            if (others.length > 0) {
                report(`${describe(key)}: key policy ${statementLabel(statement, i)} allows ${statement.actions.filter(wholeServiceWildcard).join(", ")} `
                    + `to ${others.join(", ")}: grant only the actions each principal uses (e.g. kms:Decrypt, kms:GenerateDataKey*).`);
            }
        });
    },
});

export const kmsPolicies: EdpPolicy[] = [kmsKeyRotation, kmsNoWildcardGrants];
