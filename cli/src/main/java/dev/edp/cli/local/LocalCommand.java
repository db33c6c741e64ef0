package dev.edp.cli.local;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ./edp local}: the whole pattern on an embedded AWS emulator, events end to end, no AWS account. Exit codes:
 * 0 every checklist item passed and nothing was lost; 1 something failed; 2 it could not run (bad option, port in
 * use, moto missing or not starting, the stack not deploying).
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Deploys the stack's real graph onto an embedded AWS emulator (moto), runs its functions locally,"
                + " pushes the seed scenarios through it with a live trace, and reports seed 000's testing checklist and"
                + " success criteria. No AWS account needed: the edp launcher installs moto into .venv on first use."
                + " See docs/local-sandbox.md.")
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--stack", defaultValue = "dev", paramLabel = "NAME", description = "the stack whose Pulumi.<stack>.yaml to deploy (default: ${DEFAULT-VALUE})")
    String stack;

    @Option(names = "--once", description = "run, report and exit (0 only if every checklist item passed and nothing was lost)")
    boolean once;

    @Option(names = "--scenario", paramLabel = "NAME", description = "run one scenario: cur, orders, inventory, workflow, audit (default: all)")
    String scenario;

    @Option(names = "--files", defaultValue = "25", paramLabel = "N", description = "cost reports in the load phase (0: none; default: ${DEFAULT-VALUE})")
    int files;

    @Option(names = "--port", defaultValue = "4510", paramLabel = "PORT", description = "the sandbox endpoint's port on 127.0.0.1 (0: any free port; default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS", description = "how long to wait for each outcome (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @picocli.CommandLine.Mixin
    dev.edp.cli.synth.ProgramOptions program = new dev.edp.cli.synth.ProgramOptions();

    @Option(names = "--events", paramLabel = "PATH", description = "a program's example events: a directory of *.json"
            + " or a file with an array, each with source, detail-type and detail (default: the project's events/);"
            + " not used for this repository's stack, which runs the seed scenarios")
    Path events;

    @Option(names = "--project-dir", defaultValue = ".", paramLabel = "DIR", description = "the project directory, holding Pulumi.yaml (default: the current one)")
    Path project;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        if (files < 0 || timeoutSeconds < 1 || port < 0 || port > 65535) {
            System.err.println("edp local: --files must be >= 0, --timeout >= 1, --port 0..65535");
            return 2;
        }
        java.util.logging.Logger.getLogger("com.pulumi").setLevel(java.util.logging.Level.OFF);
        LocalRun run = new LocalRun(new LocalRun.Options(project, stack, port, Optional.ofNullable(scenario), files,
                Duration.ofSeconds(timeoutSeconds), program.jar(), program.mainClass(), Optional.ofNullable(events)),
                console);
        Thread cleanup = new Thread(run::close, "edp-local-shutdown");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            LocalRun.Outcome outcome = run.run();
            console.println();
            console.println(outcome.passed() ? "edp local: PASSED" : "edp local: FAILED");
            if (!once) {
                run.awaitShutdown();
            }
            return outcome.passed() ? 0 : 1;
        } catch (RuntimeException e) {
            // A taken port, moto missing or dying, a bad option or stack file, a stack the emulator refuses: each
            // message says what and what to do; no stack trace.
            System.err.println("edp local: " + e.getMessage());
            return 2;
        } finally {
            run.close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the run itself
            }
        }
    }
}
