package dev.edp.sandbox.emulator;

import dev.edp.testing.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The emulated AWS account: a moto server behind the {@link LambdaGateway} (the sandbox endpoint), with moto's Step Functions interpreter
 * on (state machines run their real definitions), and clients for it. Started by {@link #start(int, String)},
 * stopped by {@link #close()}.
 *
 * <p>moto listens on a free port of its own; only the endpoint's port is public. moto is started with
 * {@code MOTO_PORT} set to the endpoint's port, so the calls its Step Functions interpreter makes for a state
 * machine's tasks (Lambda Invoke, SNS Publish, EventBridge PutEvents) come back through the endpoint.
 *
 * <p>IAM is enforced: the account's administrator ({@link SandboxAdmin}) is created while moto still admits
 * unsigned requests (three requests), then moto's access control is switched on ({@link MotoServer#enforceIam()}),
 * so from the deploy on every request is signed by a known identity and allowed by its identity policies: the
 * deploy and the sandbox's own work as the administrator, each function as its own role. moto evaluates identity
 * policies only, never resource policies or KMS key policies (the policy pack checks those).
 */
public final class EmulatedAccount implements AutoCloseable {

    /** moto's switch that makes StartExecution interpret the state machine instead of returning canned data. */
    static final String EXECUTE_STATE_MACHINES = "{\"stepfunctions\": {\"execute_state_machine\": true}}";

    private final LambdaGateway endpoint;
    private final MotoServer moto;
    private final SandboxAdmin admin;
    private final EmulatorClients clients;

    private EmulatedAccount(LambdaGateway endpoint, MotoServer moto, SandboxAdmin admin, EmulatorClients clients) {
        this.endpoint = endpoint;
        this.moto = moto;
        this.admin = admin;
        this.clients = clients;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: any free port) and starts moto behind it.
     *
     * @throws LambdaGateway.PortInUseException the port is taken
     * @throws EmulatorUnavailableException       moto is not installed, or did not start (with its log)
     */
    public static EmulatedAccount start(int port, String region) {
        return start(port, region, MotoServer.locate());
    }

    /** With the moto server executable given ({@code Optional.empty()}: not installed). */
    public static EmulatedAccount start(int port, String region, Optional<Path> motoServer) {
        // The port first: it is checked the same with or without the emulator installed.
        LambdaGateway endpoint = LambdaGateway.start(port);
        if (motoServer.isEmpty()) {
            endpoint.close();
            throw new EmulatorUnavailableException("the AWS emulator (moto) is not installed: run ./edp setup"
                    + " (it needs Python 3.9+ and installs a pinned moto server into .venv), or set EDP_MOTO_SERVER"
                    + " to a moto_server executable");
        }
        MotoServer moto;
        try {
            moto = MotoServer.start(motoServer.get(), Map.of("MOTO_PORT", Integer.toString(endpoint.port())));
        } catch (IllegalStateException e) {
            endpoint.close();
            throw new EmulatorUnavailableException("the AWS emulator (moto) failed to start: " + e.getMessage());
        }
        try {
            endpoint.forwardTo(moto.endpoint());
            moto.configure(EXECUTE_STATE_MACHINES);
            EmulatorClients unsigned = EmulatorClients.of(endpoint.uri(), region, StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)));
            SandboxAdmin admin = SandboxAdmin.create(unsigned.iam());
            moto.enforceIam();
            EmulatorClients clients = EmulatorClients.of(endpoint.uri(), region, admin.credentials());
            endpoint.signInterpreterCallsWith(clients.credentials());
            return new EmulatedAccount(endpoint, moto, admin, clients);
        } catch (RuntimeException e) {
            moto.close();
            endpoint.close();
            throw e;
        }
    }

    /** moto is missing or did not start; the message says why and what to do. */
    public static final class EmulatorUnavailableException extends IllegalStateException {
        public EmulatorUnavailableException(String message) {
            super(message);
        }
    }

    public LambdaGateway endpoint() {
        return endpoint;
    }

    /** Clients signed by the administrator. */
    public EmulatorClients clients() {
        return clients;
    }

    /** The account's administrator: who deploys, and whose key the operations commands use. */
    public SandboxAdmin admin() {
        return admin;
    }

    /** The last lines moto wrote, for error messages. */
    public String emulatorLog() {
        return moto.logTail();
    }

    /** Throws, with moto's log, if moto has died (checked between phases, so a crash is named, not a timeout). */
    public void checkAlive() {
        if (!moto.isAlive()) {
            throw new EmulatorUnavailableException("the AWS emulator (moto) stopped; its log: " + moto.logTail());
        }
    }

    @Override
    public void close() {
        moto.close();
        endpoint.close();
    }
}
