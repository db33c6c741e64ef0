package dev.edp.cli.local;

import dev.edp.sandbox.deploy.Deployment;
import dev.edp.sandbox.deploy.Placement;
import dev.edp.cli.local.run.ChecklistItem;
import dev.edp.cli.local.run.Check;
import dev.edp.cli.local.run.Criterion;
import dev.edp.cli.local.run.ScenarioResult;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How {@code ./edp local} prints: the deploy summary, the checklist, the success criteria, what to look at. */
final class Report {

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void section(String title) {
        out.println();
        out.println(title);
    }

    void deploy(Deployment deployment, Duration took) {
        Map<Placement, Integer> counts = deployment.countByPlacement();
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        out.printf("  %d resources in %.1f s: %d on moto, %d run by the sandbox, %d not emulated%n", total,
                took.toMillis() / 1000.0, counts.get(Placement.EMULATOR), counts.get(Placement.LOCAL),
                counts.get(Placement.NOT_EMULATED));
        out.println("  on moto: " + deployment.emulatedTypes().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        Map<Placement, Map<String, List<String>>> notes = deployment.notes();
        print("  on moto, with limits:", notes.get(Placement.EMULATOR));
        print("  run by the sandbox:", notes.get(Placement.LOCAL));
        print("  not emulated:", notes.get(Placement.NOT_EMULATED));
        if (!deployment.plumbing().isEmpty()) {
            out.println("  sandbox plumbing (not part of the stack):");
            deployment.plumbing().forEach(p -> out.println("    " + p.what() + ": " + p.purpose()));
        }
    }

    private void print(String heading, Map<String, List<String>> grouped) {
        if (grouped == null || grouped.isEmpty()) {
            return;
        }
        out.println(heading);
        grouped.forEach((what, names) -> out.println("    " + names.size() + " × " + what));
    }

    void scenario(String name, String description) {
        out.println();
        out.println("── scenario " + name + ": " + description);
    }

    void scenarioResult(ScenarioResult result) {
        if (result.unavailable().isPresent()) {
            out.println("  not available: " + result.unavailable().get());
            return;
        }
        for (Check check : result.checks()) {
            out.println("  " + mark(check.passed() ? ChecklistItem.Status.PASSED : ChecklistItem.Status.FAILED) + " "
                    + check.name() + " — " + check.detail());
        }
    }

    /** Consumers nothing reached and functions that cannot run: each fails the run, by name. */
    void coverage(dev.edp.cli.local.run.ConsumerCoverage coverage) {
        if (coverage.complete()) {
            return;
        }
        section("Not exercised (each fails the run)");
        coverage.idle().forEach(c -> out.println("  " + mark(ChecklistItem.Status.FAILED) + " " + c));
        coverage.notRunnable().forEach(c -> out.println("  " + mark(ChecklistItem.Status.FAILED) + " " + c));
    }

    void checklist(List<ChecklistItem> items) {
        if (items.isEmpty()) {
            return; // seed 000's checklist is the repository stack's; another program has none
        }
        section("Testing checklist (seed 000), from what this run observed");
        for (ChecklistItem item : items) {
            out.printf("  %s %-38s %s%n", mark(item.status()), item.item(), item.evidence());
        }
    }

    void criteria(List<Criterion> criteria) {
        if (criteria.isEmpty()) {
            return;
        }
        section("Success criteria (seed 000), measured on this run");
        for (Criterion c : criteria) {
            out.printf("  %s %-14s %-38s %s  [target %s]%n", mark(c.status()), c.goal(), c.measure(), c.value(), c.target());
        }
    }

    void scenarios(List<ScenarioResult> results) {
        section("Scenarios");
        for (ScenarioResult r : results) {
            String status = r.unavailable().map(u -> "not available: " + u)
                    .orElse(r.passed() ? "passed" : "FAILED (" + r.checks().stream().filter(c -> !c.passed()).count()
                            + " of " + r.checks().size() + " checks)");
            out.printf("  %s %-10s %s%n", r.unavailable().isPresent() ? "–" : mark(r.passed()
                    ? ChecklistItem.Status.PASSED : ChecklistItem.Status.FAILED), r.scenario(), status);
        }
    }

    static String mark(ChecklistItem.Status status) {
        return switch (status) {
            case PASSED -> "✔";
            case FAILED -> "✘";
            case NOT_RUN -> "–";
        };
    }
}
