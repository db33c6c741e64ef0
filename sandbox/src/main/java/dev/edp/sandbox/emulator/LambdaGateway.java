package dev.edp.sandbox.emulator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API for local handlers, in front of an emulator: {@code POST /2015-03-31/functions/{name}/
 * invocations} runs the registered {@link RequestStreamHandler} in this JVM on the request's payload and answers as
 * Lambda does (the handler's output; on an exception {@code X-Amz-Function-Error: Unhandled} and Lambda's error
 * JSON, {@code errorType} = the exception's class name). Every other request is forwarded to the emulator unchanged
 * (but for the headers of the hop itself, Host included: URLs moto builds from it, such as the queue URLs GetQueueUrl
 * answers, name the emulator's own port) and then shown to the {@link ExchangeListener}s. It is the endpoint of
 * {@code ./edp local}'s sandbox.
 *
 * <p>Why: moto's Step Functions interpreter calls every service integration through a boto3 client whose endpoint
 * is {@code http://localhost:$MOTO_PORT}, and the server only sets {@code MOTO_PORT} to its own port when it is
 * not set already (moto/server.py, moto/stepfunctions/parser/asl/utils/boto_client.py). Started with
 * {@code MOTO_PORT} = this gateway's port, moto sends the workflow's {@code lambda:invoke} tasks here, to the real
 * handlers, and its {@code sns:publish} and {@code events:putEvents} tasks back to itself through here. moto's own
 * Lambda without Docker never runs code: it answers every invoke with the request's payload.
 *
 * <p>With IAM enforced on moto, requests keep their {@code Host} header on the hop (moto checks each request's SigV4
 * signature, which covers the Host the client signed), and the interpreter's own requests, signed with a key of
 * no identity, are signed again as the sandbox's administrator ({@link InterpreterSigner}).
 *
 * <p>One invocation per function at a time, like one Lambda execution environment: handlers are not thread-safe.
 */
public final class LambdaGateway implements AutoCloseable {

    /**
     * The JDK's HTTP client refuses to set {@code Host} unless this property names it; it reads the property once,
     * when its first request is built, so it is set here (and by ./edp and the build's JVM options, which set it
     * before anything else runs).
     */
    static final String ALLOW_HOST_HEADER = "jdk.httpclient.allowRestrictedHeaders";

    /**
     * The JDK's HTTP server leaves Nagle's algorithm on its sockets unless this property is true, and it writes an
     * answer's headers and body apart: the body then waited for the client's delayed ACK, about 40 ms on Linux, in
     * every AWS call through the sandbox (three times moto's own time, docs/benchmarks.md). The server reads the
     * property once, when the JVM's first server starts, so it is set here (before this class starts one) and by
     * ./edp and the build's JVM options, in case something else started a server first.
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        String allowed = System.getProperty(ALLOW_HOST_HEADER, "");
        if (!Arrays.asList(allowed.toLowerCase(Locale.ROOT).split(",")).contains("host")) {
            System.setProperty(ALLOW_HOST_HEADER, allowed.isBlank() ? "host" : allowed + ",host");
        }
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    private static final Pattern FUNCTION_ARN = Pattern.compile("^arn:[^:]+:lambda:[^:]+:\\d+:function:([^:]+)(:.+)?$");
    /** Headers the JDK client sets itself, or that describe the old hop. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A function the gateway runs: its handler, and the Lambda context of each invocation. */
    private record Function(RequestStreamHandler handler, Supplier<Context> contexts) {
    }

    /** A request the emulator answered, as the gateway forwarded it. */
    public record Exchange(String method, String path, Map<String, List<String>> requestHeaders, byte[] requestBody,
                           int status, byte[] responseBody) {
        /** The first value of a request header, case-insensitively, or null. */
        public String requestHeader(String name) {
            return requestHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** Told of every exchange forwarded to the emulator, after the emulator answered. */
    public interface ExchangeListener {
        void forwarded(Exchange exchange);
    }

    /** The port asked for is taken: the message names it and says what to do. */
    public static final class PortInUseException extends IllegalStateException {
        public PortInUseException(int port) {
            super("port " + port + " on 127.0.0.1 is in use: stop what listens there (e.g. `lsof -i :" + port
                    + "` finds it) or pick another port with --port");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient forwarder;
    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final Map<String, List<String>> invocations = new ConcurrentHashMap<>();
    private final List<ExchangeListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Amendment> amendments = new ConcurrentHashMap<>();
    private volatile URI backend;
    private volatile InterpreterSigner interpreterSigner;

    private LambdaGateway(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
        this.forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(threads).build();
    }

    /** Starts a gateway on a free port of 127.0.0.1; set where it forwards with {@link #forwardTo(URI)}. */
    public static LambdaGateway start() {
        return start(0);
    }

    /**
     * Starts a gateway on 127.0.0.1:{@code port} (0: a free port).
     *
     * @throws PortInUseException the port is taken
     */
    public static LambdaGateway start(int port) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "lambda-gateway-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
            LambdaGateway gateway = new LambdaGateway(server, threads);
            server.createContext("/", gateway::serve);
            server.setExecutor(threads);
            server.start();
            return gateway;
        } catch (BindException e) {
            threads.shutdownNow();
            throw new PortInUseException(port);
        } catch (IOException e) {
            threads.shutdownNow();
            throw new IllegalStateException("could not start the Lambda gateway: " + e.getMessage(), e);
        }
    }

    /** The port to give moto as {@code MOTO_PORT}. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}: what clients and {@code aws --endpoint-url} use. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The emulator that every request other than a registered function's invoke goes to. */
    public LambdaGateway forwardTo(URI emulator) {
        this.backend = emulator;
        return this;
    }

    /** Signs moto's Step Functions interpreter's requests again as {@code identity} (see {@link InterpreterSigner}). */
    public LambdaGateway signInterpreterCallsWith(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider identity) {
        this.interpreterSigner = new InterpreterSigner(identity);
        return this;
    }

    /** Registers a handler under a function name (an invoke by name or by ARN reaches it). */
    public LambdaGateway register(String functionName, RequestStreamHandler handler, Supplier<Context> contexts) {
        functions.put(functionName, new Function(handler, contexts));
        return this;
    }

    /**
     * What the sandbox adds to the emulator's answer of one JSON action ({@code X-Amz-Target}, e.g.
     * {@code AWSEvents.ListTargetsByRule}): given the request and moto's successful answer, the answer the client gets.
     * Used where the sandbox plays a part of a service itself and the client must see it as AWS would show it.
     */
    public interface Amendment {
        byte[] amend(byte[] request, byte[] answer) throws IOException;
    }

    /** Amends the emulator's successful answers to the JSON action {@code target}. */
    public LambdaGateway amend(String target, Amendment amendment) {
        amendments.put(target, amendment);
        return this;
    }

    /** Adds a listener of forwarded exchanges (e.g. the sandbox's event bus reads PutEvents there). */
    public LambdaGateway addListener(ExchangeListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The payloads each function was invoked with, in order. */
    public List<String> invocations(String functionName) {
        return List.copyOf(invocations.getOrDefault(functionName, List.of()));
    }

    /** Forgets the recorded invocations (the registered functions stay). */
    public void clearInvocations() {
        invocations.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if ("POST".equals(exchange.getRequestMethod()) && invoke.matches()) {
                String name = functionName(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8));
                Function function = functions.get(name);
                if (function != null) {
                    invoke(exchange, name, function, body);
                    return;
                }
            }
            forward(exchange, body);
        } catch (RuntimeException | IOException e) {
            byte[] message = ("gateway error: " + e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, message.length);
            exchange.getResponseBody().write(message);
        }
    }

    private void invoke(HttpExchange exchange, String name, Function function, byte[] payload) throws IOException {
        invocations.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>())
                .add(new String(payload, StandardCharsets.UTF_8));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        byte[] response;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        synchronized (function) {
            try {
                InputStream input = new ByteArrayInputStream(payload);
                function.handler().handleRequest(input, output, function.contexts().get());
                response = output.toByteArray();
            } catch (Exception | Error e) {
                exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                response = lambdaError(e);
            }
        }
        exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
        exchange.getResponseBody().write(response);
    }

    /** Lambda's Java runtime reports an uncaught exception as this JSON; Step Functions reads errorType. */
    static byte[] lambdaError(Throwable e) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorMessage", e.getLocalizedMessage() == null ? e.getClass().getName() : e.getLocalizedMessage());
        error.put("errorType", e.getClass().getName());
        error.put("stackTrace", Arrays.stream(e.getStackTrace()).limit(20).map(StackTraceElement::toString).toList());
        return JSON.writeValueAsBytes(error);
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        if (backend == null) {
            throw new IllegalStateException("no emulator to forward " + exchange.getRequestURI() + " to: call forwardTo");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofMinutes(5))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, List<String>> received = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                received.put(name, values);
            }
        });
        Map<String, List<String>> headers = received;
        String host = exchange.getRequestHeaders().getFirst("Host");
        InterpreterSigner signer = interpreterSigner;
        if (signer != null && InterpreterSigner.signedByInterpreter(exchange.getRequestHeaders().getFirst("Authorization"))) {
            headers = signer.resign(exchange.getRequestMethod(), host, exchange.getRequestURI().toString(), headers, body);
        }
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        if (host != null) {
            try {
                request.header("Host", host); // what the client signed: moto checks the signature against it
            } catch (IllegalArgumentException restricted) {
                throw new IllegalStateException("the JDK HTTP client refuses to forward the Host header: start the JVM"
                        + " with -D" + ALLOW_HOST_HEADER + "=host (./edp does)", restricted);
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // A HEAD answer keeps its Content-Length: it is the object's size, which the SDK reads from it.
            if ((!HOP_HEADERS.contains(lower) || (head && lower.equals("content-length"))) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        int status = response.statusCode();
        String action = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Amendment amendment = action == null ? null : amendments.get(action);
        if (amendment != null && status == 200) {
            answer = amendment.amend(body, answer);
        }
        var refusal = AccessDeniedAnswers.asJson(action, status, answer);
        if (refusal.isPresent()) {
            status = refusal.get().status();
            answer = refusal.get().body();
            exchange.getResponseHeaders().set("Content-Type", refusal.get().contentType());
        }
        boolean noBody = head || answer.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : answer.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
        Exchange forwarded = new Exchange(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                Map.copyOf(exchange.getRequestHeaders()), body, status, answer);
        for (ExchangeListener listener : listeners) {
            listener.forwarded(forwarded);
        }
    }

    /** A name, a partial ARN or a full ARN (with or without qualifier) → the function's name. */
    static String functionName(String nameOrArn) {
        Matcher arn = FUNCTION_ARN.matcher(nameOrArn);
        return arn.matches() ? arn.group(1) : nameOrArn;
    }
}
