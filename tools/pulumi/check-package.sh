#!/usr/bin/env bash
# The edp package as a user of another language gets it, checked end to end (run by ./edp test, after ./edp setup):
#   1. the real Pulumi CLI (tools/pulumi/bin/pulumi, built by ./edp setup) asks the executable plugin
#      provider/bin/pulumi-resource-edp for its schema: `pulumi package get-schema`;
#   2. the schema is the one the provider's PackageSchema prints (the Java tests check its content);
#   3. edp-sdkgen (pkg/v3's code generators) writes the TypeScript, Python and Go SDKs from it;
#   4. each compiles: `tsc --noEmit` against @pulumi/pulumi, `import pulumi_edp` with pulumi from PyPI after
#      `pip install` of the SDK, `go vet` against sdk/v3 (versions pinned in tools/sdk-check/);
#   5. the examples: examples/typescript type-checked with the SDK, examples/python run under Pulumi's Python mocks,
#      examples/yaml and the provider's Construct test inputs checked against the schema.
# Prints one line per step with its time; exits non-zero naming the step that failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/package"
CHECK="$ROOT/tools/sdk-check"
PULUMI="$ROOT/tools/pulumi/bin/pulumi"
SDKGEN="$ROOT/tools/pulumi/bin/edp-sdkgen"
export PULUMI_HOME="$OUT/pulumi-home" PULUMI_SKIP_UPDATE_CHECK=1 PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

fail() { echo "check-package: $*" >&2; exit 1; }
step() { local name="$1"; shift; local t0=$SECONDS; "$@" || fail "$name failed"; echo "package: $name ok ($((SECONDS - t0)) s)"; }

[[ -x "$PULUMI" && -x "$SDKGEN" ]] || fail "the Pulumi CLI or edp-sdkgen is not built: run ./edp setup"
[[ -f provider/target/edp-provider.jar ]] || fail "provider/target/edp-provider.jar is missing: run mvn -B -DskipTests package"
rm -rf "$OUT"
mkdir -p "$OUT"

get_schema() { "$PULUMI" package get-schema ./provider/bin/pulumi-resource-edp > "$OUT/schema.json"; }
same_as_provider() {
  java -cp "provider/target/edp-provider.jar:provider/target/lib/*" dev.edp.provider.PackageSchema > "$OUT/expected.json"
  python3 - "$OUT/schema.json" "$OUT/expected.json" <<'PY'
import json, sys
served, expected = (json.load(open(p)) for p in sys.argv[1:3])
if served.get("config") == {}:
    del served["config"]  # the engine adds an empty config section to a package that declares none
if served != expected:
    sys.exit("the schema the CLI got differs from PackageSchema's")
PY
}
gen_sdks() { "$SDKGEN" -schema "$OUT/schema.json" -out "$OUT/sdk" > "$OUT/sdkgen.log"; }
check_nodejs() {
  rm -rf "$CHECK/nodejs/sdk" && cp -R "$OUT/sdk/nodejs" "$CHECK/nodejs/sdk"
  (cd "$CHECK/nodejs" && node_modules/.bin/tsc --noEmit -p sdk/tsconfig.json)
}
check_typescript_example() { (cd "$CHECK/nodejs" && node_modules/.bin/tsc -p tsconfig.json); }
check_python() {
  local venv="$CHECK/python/.venv"
  "$venv/bin/pip" install -q --disable-pip-version-check --no-deps --force-reinstall "$OUT/sdk/python" > /dev/null
  (cd "$OUT" && "$venv/bin/python" -c '
import pulumi_edp
for name in ("EventDrivenPattern", "EventDrivenPatternArgs", "ConsumerArgs", "AlarmsArgs"):
    getattr(pulumi_edp, name)
')
}
check_python_example() { "$CHECK/python/.venv/bin/python" "$CHECK/python/run_example.py" examples/python; }
check_yaml_example() { "$CHECK/python/.venv/bin/python" "$CHECK/yaml_example.py" "$OUT/schema.json" examples/yaml/Pulumi.yaml; }
# The Construct test's inputs, as a TypeScript program sends them: every name, type and enum value in the schema.
check_construct_inputs() {
  "$CHECK/python/.venv/bin/python" "$CHECK/yaml_example.py" "$OUT/schema.json" \
    --inputs provider/src/test/resources/construct/typescript-inputs.json
}
check_go() {
  rm -rf "$CHECK/go/edp" && cp -R "$OUT/sdk/go/edp" "$CHECK/go/edp"
  (cd "$CHECK/go" && go vet ./...)
}

step "get-schema (Pulumi CLI → pulumi-resource-edp)" get_schema
step "schema served = PackageSchema" same_as_provider
step "SDK generation (nodejs, python, go)" gen_sdks
step "TypeScript SDK: tsc --noEmit" check_nodejs
step "Python SDK: pip install + import" check_python
step "Go SDK: go vet" check_go
step "examples/typescript: tsc against the SDK" check_typescript_example
step "examples/python under Pulumi's Python mocks" check_python_example
step "examples/yaml against the schema" check_yaml_example
step "the Construct test's inputs against the schema" check_construct_inputs
