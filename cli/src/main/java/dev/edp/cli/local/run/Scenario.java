package dev.edp.cli.local.run;

import java.util.Optional;

/** One scenario of {@code ./edp local}: events pushed through the deployed pattern, and checks of what happened. */
public interface Scenario {

    /** Its name on the command line ({@code --scenario NAME}). */
    String name();

    /** One line: what it does. */
    String description();

    /** Why it cannot run in this sandbox (a handler class missing, say), or empty. */
    Optional<String> unavailable(ScenarioContext context);

    /** Runs it: pushes its events, waits for their outcome, checks the emulator's state. */
    ScenarioResult run(ScenarioContext context) throws Exception;
}
