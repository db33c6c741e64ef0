"""Checks a Pulumi YAML program against the edp package schema: every resource of an edp type names a resource
the schema has, every property path under it exists in the schema's types, and each value has its property's type
(string, number, boolean, one of an enum's values): what Pulumi YAML would refuse.
With --inputs, checks a JSON object of the component's inputs the same way (the Construct test's inputs).

    python yaml_example.py SCHEMA_JSON PULUMI_YAML
    python yaml_example.py SCHEMA_JSON --inputs INPUTS_JSON
"""
import json
import sys

import yaml  # PyYAML, which the pulumi package (PyPI) depends on


def check(value, spec, types, path, problems):
    ref = spec.get("$ref", "")
    if ref.startswith("#/types/"):
        spec = types[ref[len("#/types/"):]]
    if isinstance(value, dict) and any(k.startswith("fn::") for k in value):
        return  # a Pulumi YAML function (fn::fileArchive, ...): its value is the function's
    if "oneOf" in spec:  # a union (an open set: its enum's values or any string): one alternative must take it
        tries = []
        for alternative in spec["oneOf"]:
            tries.append([])
            check(value, alternative, types, path, tries[-1])
            if not tries[-1]:
                return
        problems.extend(tries[0])
        return
    kind = spec.get("type")
    if "enum" in spec:
        allowed = [e["value"] for e in spec["enum"]]
        if value not in allowed:
            problems.append(f"{path}: {value!r} is not one of {allowed}")
        return
    primitive = {"string": str, "boolean": bool, "integer": int, "number": (int, float)}.get(kind)
    if primitive and not isinstance(value, primitive) or kind in ("integer", "number") and isinstance(value, bool):
        problems.append(f"{path}: expected {kind}, got {type(value).__name__} {value!r}")
        return
    if kind == "array":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list")
            return
        for i, item in enumerate(value):
            check(item, spec["items"], types, f"{path}[{i}]", problems)
    elif "properties" in spec:
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object")
            return
        for key, item in value.items():
            if key not in spec["properties"]:
                problems.append(f"{path}.{key}: not in the schema (known: {sorted(spec['properties'])})")
            else:
                check(item, spec["properties"][key], types, f"{path}.{key}", problems)
    elif kind == "object" and "additionalProperties" in spec and isinstance(value, dict):
        for key, item in value.items():
            check(item, spec["additionalProperties"], types, f"{path}.{key}", problems)


def main(schema_path, program_path):
    schema = json.load(open(schema_path))
    program = yaml.safe_load(open(program_path))
    problems, checked = [], 0
    for name, resource in (program.get("resources") or {}).items():
        token = resource.get("type", "")
        if not token.startswith(schema["name"] + ":"):
            continue
        if token not in schema["resources"]:
            problems.append(f"resources.{name}.type: {token} is not in the schema")
            continue
        spec = schema["resources"][token]
        inputs = {"properties": spec.get("inputProperties", {})}
        check(resource.get("properties") or {}, inputs, schema["types"], f"resources.{name}.properties", problems)
        for required in spec.get("requiredInputs", []):
            if required not in (resource.get("properties") or {}):
                problems.append(f"resources.{name}.properties.{required}: required")
        checked += 1
    if not checked:
        problems.append("no resource of the package in the program")
    if problems:
        sys.exit("\n".join(f"{program_path}: {p}" for p in problems))
    print(f"{program_path}: {checked} {schema['name']} resource(s), every property in the schema")


def main_inputs(schema_path, inputs_path):
    schema = json.load(open(schema_path))
    spec = schema["resources"][schema["name"] + ":index:EventDrivenPattern"]
    problems = []
    check(json.load(open(inputs_path)), {"properties": spec["inputProperties"]}, schema["types"], "inputs", problems)
    if problems:
        sys.exit("\n".join(f"{inputs_path}: {p}" for p in problems))
    print(f"{inputs_path}: every property in the schema")


if __name__ == "__main__":
    if sys.argv[2] == "--inputs":
        main_inputs(sys.argv[1], sys.argv[3])
    else:
        main(*sys.argv[1:3])
