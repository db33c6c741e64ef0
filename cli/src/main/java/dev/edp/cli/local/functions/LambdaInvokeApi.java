package dev.edp.cli.local.functions;

import dev.edp.cli.local.sandbox.SandboxEndpoint;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on the sandbox endpoint, for the
 * stack's functions: the handler runs in this JVM and the caller gets its result, or Lambda's error payload with
 * {@code X-Amz-Function-Error: Unhandled}. moto's Step Functions interpreter calls it for the workflow's Lambda
 * tasks; {@code aws lambda invoke --endpoint-url} works too. {@code Event} invocations run on a thread of their own.
 */
public final class LambdaInvokeApi implements SandboxEndpoint.LocalApi {

    private static final Pattern PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");

    /** Told about each invocation, for the trace. */
    public interface Listener {
        void invoked(LocalFunction function, byte[] payload, Instant started, Instant ended, Throwable error);
    }

    private final LocalFunctions functions;
    private final FunctionLogs logs;
    private final Listener listener;
    private final Map<String, LocalFunction.Environment> environments = new ConcurrentHashMap<>();

    public LambdaInvokeApi(LocalFunctions functions, FunctionLogs logs, Listener listener) {
        this.functions = functions;
        this.logs = logs;
        this.listener = listener;
    }

    @Override
    public boolean handles(String method, String path) {
        return method.equals("POST") && PATH.matcher(path).matches();
    }

    @Override
    public SandboxEndpoint.Response handle(SandboxEndpoint.Request request) throws Exception {
        Matcher m = PATH.matcher(request.path());
        if (!m.matches()) {
            throw new IllegalStateException("not an Invoke request: " + request.path());
        }
        String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        Optional<LocalFunction> function = functions.find(name);
        if (function.isEmpty() || !function.get().handler().isOnClassPath()) {
            String why = function.isEmpty() ? "Function not found: " + name
                    : "the handler of " + name + " is not on the sandbox's class path: " + function.get().handler();
            return SandboxEndpoint.Response.error(404, "ResourceNotFoundException", why);
        }
        LocalFunction.Environment environment = environments.computeIfAbsent(function.get().physicalName(), n -> {
            try {
                return function.get().start(logs);
            } catch (Exception e) {
                throw new IllegalStateException("function " + n + " failed to start: " + e.getMessage(), e);
            }
        });
        if ("Event".equals(request.header("X-Amz-Invocation-Type"))) {
            Thread async = new Thread(() -> invoke(environment, request.body()), "invoke-" + function.get().displayName());
            async.setDaemon(true);
            async.start();
            return new SandboxEndpoint.Response(202, Map.of(), new byte[0]);
        }
        return invoke(environment, request.body());
    }

    private SandboxEndpoint.Response invoke(LocalFunction.Environment environment, byte[] payload) {
        Instant started = Instant.now();
        try {
            byte[] result = environment.invokeJson(payload);
            listener.invoked(environment.function(), payload, started, Instant.now(), null);
            return SandboxEndpoint.Response.json(200, result, Map.of("X-Amz-Executed-Version", "$LATEST"));
        } catch (Exception e) {
            listener.invoked(environment.function(), payload, started, Instant.now(), e);
            return SandboxEndpoint.Response.json(200, HandlerInstance.errorPayload(e),
                    Map.of("X-Amz-Function-Error", "Unhandled", "X-Amz-Executed-Version", "$LATEST"));
        }
    }
}
