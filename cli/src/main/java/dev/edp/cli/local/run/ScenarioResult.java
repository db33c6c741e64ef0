package dev.edp.cli.local.run;

import java.util.List;
import java.util.Optional;

/**
 * What a scenario found: its checks, or why it could not run ({@code unavailable}, e.g. a handler missing from
 * the class path: reported, never faked).
 */
public record ScenarioResult(String scenario, List<Check> checks, Optional<String> unavailable) {

    public static ScenarioResult ran(String scenario, List<Check> checks) {
        return new ScenarioResult(scenario, List.copyOf(checks), Optional.empty());
    }

    public static ScenarioResult notAvailable(String scenario, String why) {
        return new ScenarioResult(scenario, List.of(), Optional.of(why));
    }

    /** Ran, and every check passed. */
    public boolean passed() {
        return unavailable.isEmpty() && checks.stream().allMatch(Check::passed);
    }
}
