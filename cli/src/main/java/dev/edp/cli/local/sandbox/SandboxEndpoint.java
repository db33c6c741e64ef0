package dev.edp.cli.local.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's one AWS endpoint, {@code http://127.0.0.1:PORT}: a reverse proxy in front of moto that answers the
 * few calls moto cannot and watches the one call the sandbox must see.
 *
 * <ul>
 *   <li>A request a {@link LocalApi} claims (the Lambda Invoke API for the stack's functions, which run in this
 *       JVM) is answered here.</li>
 *   <li>Everything else is forwarded to moto unchanged, Host header included, so the URLs moto builds (queue URLs)
 *       name this endpoint. Each forwarded exchange is then shown to the {@link ExchangeListener}s (the local event
 *       bus reads successful {@code PutEvents} calls there, to deliver what moto cannot).</li>
 * </ul>
 *
 * Handlers, the Step Functions interpreter inside moto (started with {@code MOTO_PORT} = this port), the scenarios
 * and a user's {@code aws --endpoint-url} all go through here, so every event put on the bus is seen, whoever puts it.
 */
public final class SandboxEndpoint implements AutoCloseable {

    static {
        // Forward the caller's Host header: moto writes it into the URLs it returns (queue URLs).
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    /** A part of the AWS API answered by the sandbox itself instead of moto. */
    public interface LocalApi {
        /** Whether this API answers the request. */
        boolean handles(String method, String path);

        /** Answers it. */
        Response handle(Request request) throws Exception;
    }

    /** Notified of every request moto answered, after it answered. */
    public interface ExchangeListener {
        void exchanged(Request request, Response response);
    }

    /** A request as received. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        /** The first value of a header, case-insensitively, or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A response to send. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public static Response json(int status, byte[] body, Map<String, String> extraHeaders) {
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            headers.put("Content-Type", List.of("application/json"));
            extraHeaders.forEach((k, v) -> headers.put(k, List.of(v)));
            return new Response(status, headers, body);
        }

        /** An AWS JSON error: {@code {"message": ...}} with its type in {@code x-amzn-ErrorType}. */
        public static Response error(int status, String errorType, String message) {
            return json(status, ("{\"Type\":\"User\",\"message\":" + quote(message) + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("x-amzn-ErrorType", errorType));
        }
    }

    /** Headers the JDK client sets itself, or that describe one hop only. */
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "date");

    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpClient upstream;
    private final List<LocalApi> localApis = new CopyOnWriteArrayList<>();
    private final List<ExchangeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile URI moto;

    private SandboxEndpoint(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
        this.upstream = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(workers)
                .build();
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0: any free port). Fails with a message that names the port and what to do
     * when something else listens there.
     */
    public static SandboxEndpoint listen(int port) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-endpoint-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            server.setExecutor(workers);
            SandboxEndpoint endpoint = new SandboxEndpoint(server, workers);
            server.createContext("/", endpoint::serve);
            server.start();
            return endpoint;
        } catch (BindException e) {
            workers.shutdownNow();
            throw new PortInUseException(port);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port is taken: says which and what to do. */
    public static final class PortInUseException extends IllegalStateException {
        public PortInUseException(int port) {
            super("port " + port + " on 127.0.0.1 is in use: stop what listens there (e.g. `lsof -i :" + port
                    + "` to find it) or pick another port with --port");
        }
    }

    /** Where requests that no local API claims go: the moto server. */
    public void forwardTo(URI motoEndpoint) {
        this.moto = motoEndpoint;
    }

    public void addLocalApi(LocalApi api) {
        localApis.add(api);
    }

    public void addListener(ExchangeListener listener) {
        listeners.add(listener);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint override of every client and of {@code aws --endpoint-url}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = read(exchange);
            Response response;
            LocalApi local = localApis.stream().filter(api -> api.handles(request.method(), request.path()))
                    .findFirst().orElse(null);
            if (local != null) {
                try {
                    response = local.handle(request);
                } catch (Exception e) {
                    response = Response.error(500, "ServiceException", String.valueOf(e.getMessage()));
                }
            } else {
                response = forward(request);
                for (ExchangeListener listener : listeners) {
                    listener.exchanged(request, response);
                }
            }
            write(exchange, request, response);
        } catch (RuntimeException e) {
            // The client sees a broken connection; the sandbox keeps serving.
            System.err.println("edp local: endpoint error on " + exchange.getRequestURI() + ": " + e);
        }
    }

    private static Request read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = exchange.getRequestURI();
        return new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()), body);
    }

    private Response forward(Request request) {
        URI target = URI.create(moto + request.path() + (request.query() == null ? "" : "?" + request.query()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(5))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = upstream.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            return Response.error(502, "ServiceUnavailable", "the emulator (moto) did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forwarding to moto", e);
        }
    }

    private static void write(HttpExchange exchange, Request request, Response response) throws IOException {
        boolean head = request.method().equalsIgnoreCase("HEAD");
        response.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // A HEAD response keeps the object's Content-Length (the SDK reads the size from it).
            if (!HOP_HEADERS.contains(lower) || (head && lower.equals("content-length"))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] body = response.body() == null ? new byte[0] : response.body();
        boolean noBody = head || body.length == 0 || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
