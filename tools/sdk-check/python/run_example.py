"""Runs examples/python under Pulumi's Python mocks, with the generated SDK installed: the program must build and
register exactly one edp:index:EventDrivenPattern (a remote component) with its inputs under the schema's names.

    python run_example.py EXAMPLE_DIR
"""
import os
import runpy
import sys

import pulumi

registered = []


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        registered.append((args.typ, args.name, args.inputs))
        return [args.name + "-id", {**args.inputs, "busName": "shop-bus-1234567"}]

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


def main(example: str) -> None:
    pulumi.runtime.set_mocks(Mocks(), project="shop-events-py", stack="dev", preview=False)
    pulumi.runtime.set_all_config({"shop:oncallEmail": "oncall@example.com"})
    os.chdir(example)
    runpy.run_path(os.path.join(example, "__main__.py"), run_name="__main__")


@pulumi.runtime.test
def _wait():
    # Let every registration the program made reach the mocks.
    return pulumi.Output.from_input(None)


if __name__ == "__main__":
    main(os.path.abspath(sys.argv[1]))
    _wait()
    components = [r for r in registered if r[0] == "edp:index:EventDrivenPattern"]
    if len(components) != 1:
        sys.exit(f"expected one edp:index:EventDrivenPattern, registered: {[r[0] for r in registered]}")
    inputs = components[0][2]
    for key in ("environment", "consumers", "functionDefaults", "subscriptions", "alarms"):
        if key not in inputs:
            sys.exit(f"the component's inputs lack {key!r}: {sorted(inputs)}")
    names = [c["name"] for c in inputs["consumers"]]
    if names != ["billing", "audit-log"]:
        sys.exit(f"consumers registered: {names}")
    print(f"examples/python: registered {components[0][0]} {components[0][1]!r} with {sorted(inputs)}")
