package dev.edp.sandbox;

import dev.edp.sandbox.bus.DeliveredTargets;
import dev.edp.sandbox.bus.ForwardedEvents;
import dev.edp.sandbox.bus.LocalEventBus;
import dev.edp.sandbox.bus.PutEventsTap;
import dev.edp.sandbox.bus.ReplayedEvents;
import dev.edp.sandbox.bus.ScheduledEvents;
import dev.edp.sandbox.deploy.LocalDeploy;
import dev.edp.sandbox.emulator.EmulatedAccount;
import dev.edp.sandbox.emulator.EmulatorClients;
import dev.edp.sandbox.functions.EventSourceMappings;
import dev.edp.sandbox.functions.FunctionCode;
import dev.edp.sandbox.functions.FunctionLogs;
import dev.edp.sandbox.functions.InvokeApi;
import dev.edp.sandbox.functions.LocalFunctions;
import dev.edp.sandbox.functions.RoleCredentials;
import dev.edp.sandbox.program.StackProgram;
import dev.edp.testing.MotoServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Pulumi AWS program on the emulator, in three steps: {@link #start} (moto behind the sandbox endpoint),
 * {@link #deploy} (the program's real graph onto moto), {@link #run} (functions, event source mappings, the custom
 * buses' delivery). {@link #close()} stops everything in reverse order. What happens is reported to an
 * {@link Observer} ({@code ./edp local}'s trace and ledger are one).
 *
 * <p>IAM is enforced on the emulator (see {@link EmulatedAccount}): the deploy runs as the sandbox's administrator,
 * each function and its event source mapping as the function's own role.
 */
public final class Sandbox implements AutoCloseable {

    /** A failed record is visible again after this, instead of the queue's visibility timeout (see EventSourceMappings). */
    public static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    /** Everything the sandbox reports: bus deliveries, event source mapping batches, function invocations. */
    public interface Observer extends LocalEventBus.Listener, EventSourceMappings.Listener, InvokeApi.Listener {
    }

    private final EmulatedAccount account;
    private LocalDeploy.DeployedStack stack;
    private FunctionLogs logs;
    private LocalFunctions functions;
    private EventSourceMappings mappings;
    private ForwardedEvents forwarded;
    private ReplayedEvents replayed;
    private LocalEventBus bus;
    private ScheduledEvents schedules;

    private Sandbox(EmulatedAccount account) {
        this.account = account;
    }

    /** Starts moto behind the sandbox endpoint on 127.0.0.1:{@code port} (0: any free port). */
    public static Sandbox start(int port, String region) {
        return new Sandbox(EmulatedAccount.start(port, region));
    }

    /** Deploys the program's graph: the program under the mock engine, each resource created on moto. */
    public LocalDeploy.DeployedStack deploy(StackProgram program) {
        stack = LocalDeploy.deploy(program, account.clients(), account.admin().arn());
        return stack;
    }

    /**
     * Starts what runs the program: the functions (logs under {@code logDirectory}), the Lambda Invoke API on the
     * endpoint, the custom buses' delivery (PutEvents and forwarded events) and the event source mappings; all
     * report to {@code observer}.
     */
    public void run(Path logDirectory, Observer observer) throws Exception {
        EmulatorClients aws = account.clients();
        String accountId = MotoServer.ACCOUNT;
        logs = new FunctionLogs(logDirectory);
        logs.install();
        RoleCredentials.Source roles = RoleCredentials.assumedWith(aws.sts());
        signWorkflowCallsAsItsRole(roles);
        functions = LocalFunctions.of(stack.graph(), stack.deployment(), aws.region(), accountId,
                aws.lambdaVariables(), new FunctionCode(stack.projectDir()), roles);
        Map<String, String> logGroups = new HashMap<>();
        functions.all().stream().filter(f -> f.logGroup() != null).forEach(f -> logGroups.put(f.displayName(), f.logGroup()));
        logs.shipTo(aws.logs(), logGroups);
        InvokeApi.register(account.endpoint(), functions, logs, observer);
        bus = LocalEventBus.of(stack.graph(), stack.deployment(), aws, accountId, observer);
        account.endpoint().addListener(new PutEventsTap(bus, accountId, aws.region()));
        schedules = ScheduledEvents.of(stack.graph(), bus, aws.region(), accountId);
        forwarded = new ForwardedEvents(aws.sqs(), bus);
        forwarded.start(stack.taps());
        replayed = new ReplayedEvents(aws.sqs(), aws.events(), bus);
        replayed.start(stack.taps());
        DeliveredTargets.of(stack.graph(), bus).amend(account.endpoint());
        mappings = EventSourceMappings.of(stack.graph(), stack.deployment(), functions);
        mappings.start(aws.sqs(), f -> aws.sqsAs(roles.provider(f.physicalName(), f.roleArn())), aws.region(), logs,
                RETRY_DELAY, observer);
    }

    /**
     * moto's Step Functions interpreter sends a state machine's service integrations (SNS Publish, PutEvents) without
     * saying which execution made them; with one state machine in the stack they are its, and the endpoint signs
     * them with its role's session, so its grants are enforced as on AWS. With several, they stay signed as the
     * administrator (see {@code emulator.InterpreterSigner}).
     */
    private void signWorkflowCallsAsItsRole(RoleCredentials.Source roles) {
        var machines = stack.graph().ofType("aws:sfn/stateMachine:StateMachine");
        if (machines.size() == 1) {
            String role = dev.edp.sandbox.deploy.PendingResource.text(machines.get(0).input("roleArn"));
            if (role != null && !role.isBlank()) {
                account.endpoint().signInterpreterCallsWith(roles.provider(machines.get(0).name(), role));
            }
        }
    }

    public EmulatorClients aws() {
        return account.clients();
    }

    /** The emulated account: moto behind the sandbox endpoint. */
    public EmulatedAccount account() {
        return account;
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

    /** The program's schedules, fired on request. */
    public ScheduledEvents schedules() {
        return schedules;
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
        if (replayed != null) {
            replayed.close();
        }
        if (bus != null) {
            bus.close();
        }
        if (logs != null) {
            logs.close();
        }
        account.close();
    }
}
