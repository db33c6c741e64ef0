package dev.edp.cli.local.run;

import dev.edp.sandbox.functions.LocalFunction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Whether the run exercised what the stack declares: every consumer (a {@code queueUrls}, {@code functionArns} or
 * {@code stateMachineArns} entry) had its function invoked or its state machine started at least once, and every
 * function can run here. A run in which nothing reached a consumer proves nothing
 * about it, so it fails instead of counting 0 of 0 as 100 %.
 *
 * @param idle        consumers whose function was never invoked, each with why that matters
 * @param notRunnable functions the sandbox cannot run (not emulated), each with the reason
 */
public record ConsumerCoverage(List<String> idle, List<String> notRunnable) {

    /**
     * @param consumers      the consumers the stack declares
     * @param invoked        the consumers exercised during the run (functions by display name, workflows)
     * @param functions      the stack's functions
     * @param allScenarios   whether every scenario ran (with {@code --scenario}, other consumers may rightly be idle)
     */
    public static ConsumerCoverage of(Collection<String> consumers, Set<String> invoked,
                                      Collection<LocalFunction> functions, boolean allScenarios) {
        List<String> idle = new ArrayList<>();
        if (allScenarios) {
            for (String consumer : consumers) {
                if (!invoked.contains(consumer)) {
                    idle.add(consumer + ": received no event during the run (no scenario sends it one, or its rule"
                            + " matched nothing)");
                }
            }
        }
        List<String> notRunnable = new ArrayList<>();
        for (LocalFunction f : functions) {
            f.notRunnableReason().ifPresent(why -> notRunnable.add(f.displayName() + ": not emulated: " + why));
        }
        return new ConsumerCoverage(List.copyOf(idle), List.copyOf(notRunnable));
    }

    public boolean complete() {
        return idle.isEmpty() && notRunnable.isEmpty();
    }
}
