package dev.edp.cli.local.run;

import dev.edp.sandbox.Sandbox;
import dev.edp.sandbox.functions.LocalFunction;
import dev.edp.sandbox.emulator.EmulatorClients;
import dev.edp.cli.local.run.cur.CurUploads;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a scenario works with: the running sandbox, what it delivered (the ledger), the notifications seen, the
 * stack's exports (real names and URLs on the emulator), the
 * trace, the record of CUR uploads (shared by the CUR scenario, the load phase and the checklist), how long to wait
 * for an outcome, and the console.
 */
public record ScenarioContext(Sandbox sandbox, DeliveryLedger ledger, Notifications notifications, Trace trace,
                              CurUploads uploads, Duration timeout, PrintStream console) {

    public EmulatorClients aws() {
        return sandbox.aws();
    }

    /** A string export of the stack (e.g. {@code tableName}). */
    public String export(String name) {
        Object value = sandbox.stack().exports().get(name);
        if (value == null || value.toString().isEmpty()) {
            throw new IllegalStateException("the stack exports no " + name + " (is that part of the pattern disabled?)");
        }
        return value.toString();
    }

    /** A map export of the stack (e.g. {@code queueUrls} by consumer). */
    @SuppressWarnings("unchecked")
    public Map<String, String> exportMap(String name) {
        Object value = sandbox.stack().exports().get(name);
        return value instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    /**
     * The handlers among {@code handlers} (handler strings) that no runnable function of the stack has (not
     * deployed, or its class missing), for {@link Scenario#unavailable}.
     */
    public Optional<String> missingHandlers(List<String> handlers) {
        List<String> missing = handlers.stream()
                .map(dev.edp.sandbox.functions.HandlerReference::parse)
                .filter(h -> sandbox.functions().all().stream().noneMatch(f -> f.handler().equals(h) && f.runnable()))
                .map(dev.edp.sandbox.functions.HandlerReference::className)
                .toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("handler missing: " + String.join(", ", missing));
    }

    /** The stack's function with this display name (a consumer's name or a workflow task's purpose). */
    public Optional<LocalFunction> function(String displayName) {
        return sandbox.functions().all().stream().filter(f -> f.displayName().equals(displayName)).findFirst();
    }
}
