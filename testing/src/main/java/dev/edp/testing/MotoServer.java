package dev.edp.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A moto server (the AWS emulator) of one's own: started on 127.0.0.1 on a free port, reset on demand, stopped on
 * {@link #close()}. One per test class is the intended use, so test classes never see each other's resources.
 *
 * <p>The executable is {@code EDP_MOTO_SERVER} when set ({@code ./edp test} sets it), else {@code .venv/bin/moto_server}
 * in the working directory or any parent (Maven runs a module's tests in the module's directory). Without either,
 * {@link #start()} fails with a message that says to run {@code ./edp setup}: a missing emulator never skips a test.
 */
public final class MotoServer implements AutoCloseable {

    /** Any credentials do while IAM is not enforced ({@link #enforceIam()}); moto answers for this account. */
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts a server and waits until it answers. */
    public static MotoServer start() {
        return start(java.util.Map.of());
    }

    /**
     * Starts a server with extra environment variables, e.g. {@code MOTO_PORT}: the port moto's Step Functions
     * interpreter sends its service integrations to (moto keeps a preset value; see dev.edp.sandbox.emulator.LambdaGateway).
     */
    public static MotoServer start(java.util.Map<String, String> environment) {
        Path executable = locate().orElseThrow(() -> new IllegalStateException(
                "moto server not found: set EDP_MOTO_SERVER or run ./edp setup (it installs moto into .venv)"));
        return start(executable, environment);
    }

    /** Starts this moto server executable (see {@link #locate()}) with extra environment variables. */
    public static MotoServer start(Path executable, java.util.Map<String, String> environment) {
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto-" + port + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", HOST, "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            MotoServer server = new MotoServer(process, URI.create("http://" + HOST + ":" + port), log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + executable + ": " + e.getMessage(), e);
        }
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:51234}: the endpoint override of every client. */
    public URI endpoint() {
        return endpoint;
    }

    /** Whether the server process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the server wrote (its log), for error messages. */
    public String logTail() {
        return tail();
    }

    /** Forgets every resource (moto's reset API), for tests that want a clean account. */
    public void reset() {
        int status = post("/moto-api/reset");
        if (status != 200) {
            throw new IllegalStateException("moto reset answered HTTP " + status);
        }
    }

    /**
     * Switches moto's IAM access control on from now on ({@code POST /moto-api/reset-auth} with 0: the
     * server-mode form of {@code INITIAL_NO_AUTH_ACTION_COUNT}): every later request must be signed by a known access
     * key (an IAM user's, or an assumed role's with its session token) and is refused with 403 unless that identity's
     * policies allow the action. Create the identities first: until this call every request is admitted unsigned.
     * moto evaluates identity-based policies only (no resource policies, KMS key policies or conditions on request
     * context), and matches resources only for SQS queues, S3 buckets and objects and IAM roles; see
     * moto/iam/access_control.py.
     */
    public void enforceIam() {
        postBody("/moto-api/reset-auth", "text/plain", "0");
    }

    /**
     * Changes moto's configuration through its config API ({@code POST /moto-api/config}), e.g.
     * {@code {"stepfunctions": {"execute_state_machine": true}}} to run state machines instead of only storing them.
     */
    public void configure(String json) {
        postBody("/moto-api/config", "application/json", json);
    }

    private void postBody(String path, String contentType, String body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", contentType);
            connection.getOutputStream().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            int status = connection.getResponseCode();
            connection.disconnect();
            if (status / 100 != 2) {
                throw new IllegalStateException("moto " + path + " " + body + " answered HTTP " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto " + path + " " + body + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover log file in the temp directory is harmless
        }
    }

    /** The executable this class would start, if any. */
    public static Optional<Path> locate() {
        String configured = System.getenv("EDP_MOTO_SERVER");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured).toAbsolutePath());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve(".venv/bin/moto_server"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited with " + process.exitValue() + "; its output: " + tail());
            }
            if (get("/moto-api/") == 200) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String output = tail(); // read before close() deletes the log
        close();
        throw new IllegalStateException("moto server did not answer on " + endpoint + " within " + STARTUP + "; its output: " + output);
    }

    private int get(String path) {
        return request("GET", path);
    }

    private int post(String path) {
        return request("POST", path);
    }

    private int request(String method, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    private String tail() {
        try {
            String text = Files.readString(log);
            return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on " + HOST, e);
        }
    }
}
