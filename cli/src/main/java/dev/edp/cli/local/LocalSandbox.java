package dev.edp.cli.local;

import dev.edp.cli.local.bus.ForwardedEvents;
import dev.edp.cli.local.bus.LocalEventBus;
import dev.edp.cli.local.bus.PutEventsTap;
import dev.edp.cli.local.deploy.LocalDeploy;
import dev.edp.cli.local.functions.EventSourceMappings;
import dev.edp.cli.local.functions.FunctionCode;
import dev.edp.cli.local.functions.FunctionLogs;
import dev.edp.cli.local.functions.InvokeApi;
import dev.edp.cli.local.functions.LocalFunctions;
import dev.edp.cli.local.run.DeliveryLedger;
import dev.edp.cli.local.run.Notifications;
import dev.edp.cli.local.run.RunObserver;
import dev.edp.cli.local.run.Trace;
import dev.edp.cli.local.sandbox.EmulatorClients;
import dev.edp.cli.local.sandbox.Sandbox;
import dev.edp.cli.synth.StackFiles;
import dev.edp.stack.StackConfig;
import dev.edp.testing.MotoServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The whole pattern on the emulator, in three steps: {@link #start} (moto behind the sandbox endpoint),
 * {@link #deploy} (the stack's real graph onto moto), {@link #run} (functions, event source mappings, the custom
 * bus's delivery, the notification observer). {@link #close()} stops everything in reverse order.
 */
public final class LocalSandbox implements AutoCloseable {

    /** A failed record is visible again after this, instead of the queue's visibility timeout (see EventSourceMappings). */
    public static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final Sandbox sandbox;
    private LocalDeploy.DeployedStack stack;
    private FunctionLogs logs;
    private LocalFunctions functions;
    private EventSourceMappings mappings;
    private ForwardedEvents forwarded;
    private Notifications notifications;
    private final DeliveryLedger ledger = new DeliveryLedger();

    private LocalSandbox(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts moto behind the sandbox endpoint on 127.0.0.1:{@code port} (0: any free port). */
    public static LocalSandbox start(int port, String region) {
        return new LocalSandbox(Sandbox.start(port, region));
    }

    /**
     * Deploys the stack's graph: the stack program under the mock engine, each resource created on moto; function
     * code archives resolved against {@code projectDir}.
     */
    public LocalDeploy.DeployedStack deploy(StackFiles files, Path projectDir) {
        stack = LocalDeploy.deploy(files, projectDir, sandbox.clients());
        return stack;
    }

    /**
     * Starts what runs the pattern: the functions (logs under {@code logDirectory}), the Lambda Invoke API on the
     * endpoint, the custom bus's delivery (PutEvents and forwarded events), the event source mappings, and the
     * observation of the notifications topic; everything reports to {@code trace} and the ledger.
     */
    public void run(Path logDirectory, Trace trace) throws Exception {
        EmulatorClients aws = sandbox.clients();
        String account = MotoServer.ACCOUNT;
        RunObserver observer = new RunObserver(trace, ledger);
        logs = new FunctionLogs(logDirectory);
        logs.install();
        functions = LocalFunctions.of(stack.graph(), stack.deployment(), aws.region(), account, componentName(),
                aws.lambdaVariables(), new FunctionCode(stack.projectDir()));
        Map<String, String> logGroups = new java.util.HashMap<>();
        functions.all().stream().filter(f -> f.logGroup() != null).forEach(f -> logGroups.put(f.displayName(), f.logGroup()));
        logs.shipTo(aws.logs(), logGroups);
        InvokeApi.register(sandbox.endpoint(), functions, logs, observer);
        LocalEventBus bus = LocalEventBus.of(stack.graph(), stack.deployment(), aws, account, observer);
        sandbox.endpoint().addListener(new PutEventsTap(bus, account, aws.region()));
        forwarded = new ForwardedEvents(aws.sqs(), bus);
        forwarded.start(stack.taps());
        String topic = String.valueOf(stack.exports().get("notificationsTopicArn"));
        notifications = Notifications.subscribe(aws.sqs(), aws.sns(), topic, observer::notified);
        stack.deployment().plumbing("queue " + Notifications.QUEUE + " subscribed to "
                + topic.substring(topic.lastIndexOf(':') + 1), "observes every notification, as a subscriber would");
        mappings = EventSourceMappings.of(stack.graph(), stack.deployment(), functions);
        mappings.start(aws.sqs(), aws.region(), logs, RETRY_DELAY, observer);
    }

    /** The component's name ({@code edp:name}): the prefix of every logical name. */
    private String componentName() {
        Map<String, String> config = stack.files().config();
        return StackConfig.name(key -> Optional.ofNullable(config.get(StackConfig.NAMESPACE + ":" + key)));
    }

    public EmulatorClients aws() {
        return sandbox.clients();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public LocalDeploy.DeployedStack stack() {
        return stack;
    }

    public LocalFunctions functions() {
        return functions;
    }

    public EventSourceMappings mappings() {
        return mappings;
    }

    public Notifications notifications() {
        return notifications;
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    public FunctionLogs logs() {
        return logs;
    }

    @Override
    public void close() {
        if (mappings != null) {
            mappings.close();
        }
        if (forwarded != null) {
            forwarded.close();
        }
        if (notifications != null) {
            notifications.close();
        }
        if (logs != null) {
            logs.close();
        }
        sandbox.close();
    }
}
