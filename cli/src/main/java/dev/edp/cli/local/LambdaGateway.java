package dev.edp.cli.local;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API for local handlers, in front of an emulator: {@code POST /2015-03-31/functions/{name}/
 * invocations} runs the registered {@link RequestStreamHandler} in this JVM on the request's payload and answers as
 * Lambda does (the handler's output; on an exception {@code X-Amz-Function-Error: Unhandled} and Lambda's error
 * JSON, {@code errorType} = the exception's class name). Every other request is forwarded unchanged to the
 * emulator.
 *
 * <p>Why: moto's Step Functions interpreter calls every service integration through a boto3 client whose endpoint
 * is {@code http://localhost:$MOTO_PORT}, and the server only sets {@code MOTO_PORT} to its own port when it is
 * not set already (moto/server.py, moto/stepfunctions/parser/asl/utils/boto_client.py). Started with
 * {@code MOTO_PORT} = this gateway's port, moto sends the workflow's {@code lambda:invoke} tasks here, to the real
 * handlers, and its {@code sns:publish} and {@code events:putEvents} tasks back to itself through here. moto's own
 * Lambda without Docker never runs code: it answers every invoke with the request's payload.
 *
 * <p>One invocation per function at a time, like one Lambda execution environment: handlers are not thread-safe.
 */
public final class LambdaGateway implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    private static final Pattern FUNCTION_ARN = Pattern.compile("^arn:[^:]+:lambda:[^:]+:\\d+:function:([^:]+)(:.+)?$");
    /** Headers the JDK client sets itself, or that describe the old hop. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A function the gateway runs: its handler, and the Lambda context of each invocation. */
    private record Function(RequestStreamHandler handler, Supplier<Context> contexts) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final Map<String, List<String>> invocations = new ConcurrentHashMap<>();
    private volatile URI backend;

    private LambdaGateway(HttpServer server) {
        this.server = server;
    }

    /** Starts a gateway on a free port of 127.0.0.1; set where it forwards with {@link #forwardTo(URI)}. */
    public static LambdaGateway start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            LambdaGateway gateway = new LambdaGateway(server);
            server.createContext("/", gateway::serve);
            server.setExecutor(gateway.threads);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Lambda gateway: " + e.getMessage(), e);
        }
    }

    /** The port to give moto as {@code MOTO_PORT}. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The emulator that every request other than a registered function's invoke goes to. */
    public LambdaGateway forwardTo(URI emulator) {
        this.backend = emulator;
        return this;
    }

    /** Registers a handler under a function name (an invoke by name or by ARN reaches it). */
    public LambdaGateway register(String functionName, RequestStreamHandler handler, Supplier<Context> contexts) {
        functions.put(functionName, new Function(handler, contexts));
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
        invocations.computeIfAbsent(name, n -> new java.util.concurrent.CopyOnWriteArrayList<>())
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
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** A name, a partial ARN or a full ARN (with or without qualifier) → the function's name. */
    static String functionName(String nameOrArn) {
        Matcher arn = FUNCTION_ARN.matcher(nameOrArn);
        return arn.matches() ? arn.group(1) : nameOrArn;
    }
}
