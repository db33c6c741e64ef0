package dev.edp.cli.local;

import dev.edp.sandbox.Sandbox;
import dev.edp.sandbox.deploy.LocalDeploy;
import dev.edp.sandbox.functions.EventSourceMappings;
import dev.edp.cli.local.run.AuditScenario;
import dev.edp.cli.local.run.ChecklistItem;
import dev.edp.cli.local.run.ConsumerCoverage;
import dev.edp.cli.local.run.Criterion;
import dev.edp.cli.local.run.LossAccount;
import dev.edp.cli.local.run.QueuePeek;
import dev.edp.cli.local.run.Scenario;
import dev.edp.cli.local.run.ScenarioContext;
import dev.edp.cli.local.run.ScenarioResult;
import dev.edp.cli.local.run.SuccessCriteria;
import dev.edp.cli.local.run.Trace;
import dev.edp.cli.local.run.cur.CurUpload;
import dev.edp.cli.local.run.cur.CurUploads;
import dev.edp.cli.local.run.cur.LoadPhase;
import dev.edp.cli.local.run.cur.SeedChecklist;
import dev.edp.sandbox.SandboxFile;
import dev.edp.sandbox.program.StackFiles;
import dev.edp.sandbox.program.StackProgram;
import dev.edp.cli.synth.ProgramOptions;
import dev.edp.cli.local.run.ProgramEventsScenario;
import dev.edp.cli.local.run.DeliveryLedger;
import dev.edp.cli.local.run.Notifications;
import dev.edp.cli.local.run.RunObserver;
import dev.edp.events.StackExports;
import dev.edp.reference.SeedConsumers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of {@code ./edp local}: start the sandbox, deploy the stack, run the scenarios (with the live trace) and
 * the load phase, settle, then report seed 000's checklist and success criteria. What it found is returned as an
 * {@link Outcome}; the sandbox stays up for {@link #awaitShutdown} unless the caller closes it.
 */
public final class LocalRun implements AutoCloseable {

    /** What the run found; {@link #passed()} decides the exit code. */
    public record Outcome(List<ScenarioResult> scenarios, List<ChecklistItem> checklist, List<Criterion> criteria,
                          LossAccount loss, ConsumerCoverage coverage, boolean allScenarios) {
        public boolean passed() {
            boolean checklistOk = checklist.stream().noneMatch(i -> i.status() == ChecklistItem.Status.FAILED
                    || (allScenarios && i.status() == ChecklistItem.Status.NOT_RUN));
            return checklistOk && loss.lost() == 0 && coverage.complete()
                    && scenarios.stream().allMatch(s -> s.unavailable().isPresent() || s.passed());
        }
    }

    /**
     * How the run is set up.
     *
     * @param programJar the program's jar, when it is not this repository's stack (see {@link ProgramOptions})
     * @param mainClass  the program's main class (default: the jar's Main-Class)
     * @param events     a program's example events (default: the project's {@code events/})
     */
    public record Options(Path projectDir, String stack, int port, Optional<String> scenario, int files, Duration timeout,
                          Optional<Path> programJar, Optional<String> mainClass, Optional<Path> events) {
        public Options(Path projectDir, String stack, int port, Optional<String> scenario, int files, Duration timeout) {
            this(projectDir, stack, port, scenario, files, timeout, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private final Options options;
    private final PrintStream console;
    private final Report report;
    private Sandbox sandbox;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private Notifications notifications;
    private Path sandboxFile;
    private SandboxFile.Claim claim;
    private ScenarioContext context;
    private boolean closed;

    public LocalRun(Options options, PrintStream console) {
        this.options = options;
        this.console = console;
        this.report = new Report(console);
    }

    public Outcome run() throws Exception {
        StackProgram program = ProgramOptions.resolve(options.projectDir(), options.stack(), options.programJar(),
                options.mainClass());
        boolean repository = ProgramOptions.isRepository(options.projectDir()) && options.programJar().isEmpty()
                && options.mainClass().isEmpty();
        StackFiles files = program.files();
        String region = files.config().getOrDefault("aws:region", "us-east-1");
        // The seed scenarios and seed 000's checklist belong to this repository's stack; any other program is run
        // with its own example events.
        List<Scenario> scenarios = !repository
                ? List.of(new ProgramEventsScenario(options.events().orElse(options.projectDir().resolve("events"))))
                : options.scenario().map(name -> List.of(Scenarios.named(name).orElseThrow(() ->
                new IllegalArgumentException("--scenario " + name + ": no such scenario; scenarios: " + Scenarios.names()))))
                .orElse(Scenarios.all());

        sandboxFile = SandboxFile.path(options.projectDir(), options.stack());
        claim = SandboxFile.claim(sandboxFile);
        console.println("edp local: the " + options.stack() + " stack on an embedded AWS emulator (moto), no AWS account");
        long t0 = System.nanoTime();
        sandbox = Sandbox.start(options.port(), region);
        console.printf("  emulator up in %.1f s; sandbox endpoint %s (moto behind it)%n",
                (System.nanoTime() - t0) / 1e9, sandbox.account().endpoint().uri());

        report.section("deploy: the program (" + program.description() + ") under Pulumi's mock engine, each resource"
                + " created on moto");
        long t1 = System.nanoTime();
        LocalDeploy.DeployedStack stack = sandbox.deploy(program);
        Duration deployTook = Duration.ofNanos(System.nanoTime() - t1);
        Path workDir = options.projectDir().resolve("build").resolve("local").resolve(options.stack());
        Trace trace = new Trace(console);
        deleteOldLogs(workDir.resolve("logs"));
        RunObserver observer = new RunObserver(trace, ledger);
        sandbox.run(workDir.resolve("logs"), observer);
        String topic = String.valueOf(stack.exports().get(StackExports.NOTIFICATIONS_TOPIC_ARN));
        notifications = Notifications.subscribe(sandbox.aws().sqs(), sandbox.aws().sns(), topic, observer::notified);
        stack.deployment().plumbing("queue " + Notifications.QUEUE + " subscribed to "
                + topic.substring(topic.lastIndexOf(':') + 1), "observes every notification, as a subscriber would");
        report.deploy(stack.deployment(), deployTook);
        claim.write(new SandboxFile(sandbox.account().endpoint().uri(), region, stack.exports(),
                sandbox.account().admin().accessKeyId(), sandbox.account().admin().secretAccessKey()));
        console.println("  sandbox file: " + display(sandboxFile) + "; function logs: " + display(workDir.resolve("logs")));

        context = new ScenarioContext(sandbox, ledger, notifications, trace, new CurUploads(), options.timeout(), console);
        List<ScenarioResult> results = new ArrayList<>();
        Optional<LoadPhase.Result> load = Optional.empty();
        AuditScenario audit = null;
        for (Scenario scenario : scenarios) {
            if (scenario instanceof AuditScenario a) {
                audit = a;
                load = loadPhase();
            }
            report.scenario(scenario.name(), scenario.description());
            Optional<String> unavailable = scenario.unavailable(context);
            ScenarioResult result = unavailable.isPresent() ? ScenarioResult.notAvailable(scenario.name(), unavailable.get())
                    : scenario.run(context);
            report.scenarioResult(result);
            results.add(result);
            sandbox.account().checkAlive();
        }
        if (audit == null) {
            load = loadPhase();
        }
        settle();

        List<ChecklistItem> checklist = repository ? SeedChecklist.evaluate(context) : List.of();
        List<String> neverForwarded = context.uploads().all().stream()
                .filter(u -> !ledger.wasForwarded(u.uri())).map(CurUpload::uri).toList();
        LossAccount loss = LossAccount.of(context, neverForwarded);
        List<Criterion> criteria = repository ? SuccessCriteria.measure(context.uploads().good(),
                audit == null ? Optional.empty() : audit.completeness(), load, loss) : List.of();
        ConsumerCoverage coverage = ConsumerCoverage.of(consumers(), exercised(), sandbox.functions().all(),
                options.scenario().isEmpty());
        report.scenarios(results);
        report.checklist(checklist);
        report.criteria(criteria);
        report.coverage(coverage);
        return new Outcome(results, checklist, criteria, loss, coverage, options.scenario().isEmpty());
    }

    /** The stack's consumers: those with a queue, a function or a state machine. */
    private java.util.Set<String> consumers() {
        java.util.Set<String> consumers = new java.util.TreeSet<>(context.exportMap(StackExports.QUEUE_URLS).keySet());
        consumers.addAll(context.exportMap(StackExports.FUNCTION_ARNS).keySet());
        consumers.addAll(context.exportMap(StackExports.STATE_MACHINE_ARNS).keySet());
        return consumers;
    }

    /** The consumers the run exercised: functions invoked, and workflows whose state machine the bus started. */
    private java.util.Set<String> exercised() {
        java.util.Set<String> exercised = new java.util.TreeSet<>(ledger.invokedFunctions());
        java.util.Set<String> started = ledger.deliveredTargets("states");
        context.exportMap(StackExports.STATE_MACHINE_ARNS).forEach((consumer, arn) -> {
            if (started.contains(arn.substring(arn.lastIndexOf(':') + 1))) {
                exercised.add(consumer);
            }
        });
        return exercised;
    }

    /** Function logs are appended to; a new run starts them afresh. */
    private static void deleteOldLogs(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The load phase runs when the CUR scenario did (and --files is not 0), before the audit check. */
    private Optional<LoadPhase.Result> loadPhase() {
        boolean curRan = !context.uploads().all().isEmpty();
        if (options.files() <= 0 || !curRan) {
            return Optional.empty();
        }
        int inFlight = sandbox.mappings().mappings().stream()
                .filter(m -> m.function().displayName().equals(SeedConsumers.CUR_INGEST))
                .mapToInt(EventSourceMappings.Mapping::concurrency).findFirst().orElse(1);
        report.scenario("load", options.files() + " cost reports, " + inFlight + " in flight at a time (the CUR consumer's"
                + " maximum concurrency): throughput and latency");
        LoadPhase.Result result = LoadPhase.run(context, options.files(), inFlight);
        sandbox.account().checkAlive();
        return Optional.of(result);
    }

    /** Waits until every consumer queue is empty (nothing in flight), at most the timeout. */
    private void settle() {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            boolean idle = context.exportMap("queueUrls").values().stream()
                    .allMatch(url -> QueuePeek.depth(sandbox.aws().sqs(), url) == 0);
            if (idle) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Prints how to look inside, then keeps the sandbox up until the process is interrupted (Ctrl-C). */
    public void awaitShutdown() throws InterruptedException {
        report.section("The sandbox stays up until Ctrl-C. Look inside with the AWS CLI (as the sandbox's"
                + " administrator: IAM is enforced):");
        Inspect.commands(sandbox.account().endpoint().uri(), sandbox.aws().region(), sandbox.account().admin(),
                sandbox.stack().exports(),
                display(sandboxFile), display(sandbox.logs().file("FUNCTION")))
                .forEach(line -> console.println("  " + line));
        new java.util.concurrent.CountDownLatch(1).await();
    }

    /** A path as the user typed the project directory: relative to it. */
    private String display(Path path) {
        return options.projectDir().toAbsolutePath().normalize().relativize(path.toAbsolutePath().normalize()).toString();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (claim != null) {
            claim.close();
        }
        if (notifications != null) {
            notifications.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
