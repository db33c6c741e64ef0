/**
 * The README's policy table, generated from the policy objects themselves, so the documented names, levels,
 * config keys, defaults and equivalent rule ids cannot drift from the code (a test compares the README with this).
 * Print it with `node bin/docs/policy-table.js`.
 */
import type { EdpPolicy } from "../lib/policy-kit";
import { policies } from "../pack";

function configCell(policy: EdpPolicy): string {
    const properties = Object.entries(policy.configSchema?.properties ?? {});
    if (properties.length === 0) {
        return "-";
    }
    return properties.map(([key, schema]) => {
        const fallback = typeof schema === "object" && schema.default !== undefined ? ` = ${JSON.stringify(schema.default)}` : " (unset)";
        return `\`${key}\`${fallback.length > 60 ? " = (see below)" : fallback}`;
    }).join("<br>");
}

const cell = (ids: string[] | undefined): string => (ids?.length ? ids.join(", ") : "-");

export function policyTable(list: EdpPolicy[]): string {
    const rows = list.map((p) => {
        const kind = "validateStack" in p ? "stack" : "resource";
        // Markdown would take "<name>" for an HTML tag.
        const summary = p.description.replace(/ (Equivalent: .*|No checkov, cdk-nag or Security Hub equivalent\.)$/, "")
            .replace(/</g, "&lt;").replace(/>/g, "&gt;");
        return `| \`${p.name}\` | ${p.enforcementLevel} | ${kind} | ${summary} | ${configCell(p)} | `
            + `${cell(p.equivalents.checkov)} | ${cell(p.equivalents.cdkNag)} | ${cell(p.equivalents.securityHub)} |`;
    });
    return ["| Policy | Default level | Kind | What a compliant stack has | Config keys (default) | checkov | cdk-nag | Security Hub |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}

if (require.main === module) {
    console.log(policyTable(policies));
}
