package dev.edp.sandbox.functions;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edp.sandbox.functions.LocalContext;

import java.util.Map;
import java.util.TreeMap;

/**
 * One Lambda function of the stack, as the sandbox runs it: its handler, the environment variables the stack gives
 * it (plus what Lambda itself sets, and {@code AWS_ENDPOINT_URL} pointing at the sandbox), its memory and timeout.
 *
 * @param logicalName  the resource's logical name in the graph, e.g. {@code edp-cur-ingest-fn}
 * @param displayName  a short name for output: the consumer's name, or the workflow task's purpose
 * @param physicalName the function name (what its ARN ends with)
 * @param arn          the function's ARN
 * @param handler      the handler reference
 * @param environment  every variable the handler sees
 * @param memoryMb     the memory setting (the context reports it)
 * @param timeoutSeconds the timeout setting (the context's deadline)
 * @param logGroup     the function's log group, if it names one
 * @param code         its code, loaded in a class loader of its own ({@link FunctionCode}), or why it could not be
 * @param runtime      its Lambda runtime ({@code java21}, {@code python3.12}, {@code nodejs20.x}; null: Java)
 * @param roleArn      its execution role, whose session's credentials are in its environment (null: none given)
 */
public record LocalFunction(String logicalName, String displayName, String physicalName, String arn,
                            HandlerReference handler, Map<String, String> environment, int memoryMb,
                            int timeoutSeconds, String logGroup, FunctionCode.Loaded code,
                            String runtime, String roleArn) {

    private static final com.fasterxml.jackson.databind.ObjectMapper ERROR_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    public LocalFunction {
        environment = Map.copyOf(new TreeMap<>(environment));
    }

    /** A new execution environment: the handler built with the function's environment, output to its log. */
    public Environment start(FunctionLogs logs) throws Exception {
        notRunnableReason().ifPresent(why -> {
            throw new IllegalStateException(displayName + " cannot run: " + why);
        });
        if (SubprocessHandler.interpreter(runtime).isPresent()) {
            String spec = handler.methodName().equals(HandlerReference.DEFAULT_METHOD) ? handler.className()
                    : handler.toString();
            return new Environment(SubprocessHandler.start(runtime, spec, code.archive().orElseThrow(), environment), logs);
        }
        ClassLoader loader = code.loader().orElseThrow();
        FunctionRuntime instance = logs.within(displayName, () -> HandlerInstance.create(handler, environment, loader));
        return new Environment(instance, logs);
    }

    /** Whether its handler class can be loaded from its code. */
    public boolean runnable() {
        return notRunnableReason().isEmpty();
    }

    /** Why the function cannot run here (its code is missing, or its handler class is not in it), if it cannot. */
    public java.util.Optional<String> notRunnableReason() {
        if (code.loader().isEmpty()) {
            return java.util.Optional.of(code.source());
        }
        java.util.Optional<String> runtimeMissing = FunctionRuntimes.notEmulated(runtime);
        if (runtimeMissing.isPresent() || SubprocessHandler.interpreter(runtime).isPresent()) {
            return runtimeMissing; // a Python or Node.js handler is loaded by its runtime, from the archive
        }
        return handler.loadableFrom(code.loader().get()) ? java.util.Optional.empty()
                : java.util.Optional.of("its handler class " + handler.className() + " is not in its code " + code.source());
    }

    /** A Lambda context for one invocation of this function. */
    public Context context() {
        return new LocalContext(physicalName, memoryMb, timeoutSeconds * 1000L);
    }

    /** One execution environment: invocations run one at a time in it, as in Lambda. */
    public final class Environment {
        private final FunctionRuntime instance;
        private final FunctionLogs logs;

        private Environment(FunctionRuntime instance, FunctionLogs logs) {
            this.instance = instance;
            this.logs = logs;
        }

        public LocalFunction function() {
            return LocalFunction.this;
        }

        /** Whether the handler got the function's own environment (see {@link HandlerInstance}). */
        public boolean environmentGiven() {
            return instance.environmentGiven();
        }

        /** Invokes with an input object; exceptions are the handler's (and in its log, as Lambda logs them). */
        public synchronized Object invoke(Object input) throws Exception {
            return logs.within(displayName, () -> logged(() -> instance.call(input, context())));
        }

        /** Invokes with a JSON payload; returns the result as JSON. */
        public synchronized byte[] invokeJson(byte[] payload) throws Exception {
            return logs.within(displayName, () -> logged(() -> instance.callJson(payload, context())));
        }
    }

    /**
     * Runs an invocation; an exception it throws is written to the function's log first, as Lambda's runtime writes
     * an invocation's error (its type and message) to the function's log stream.
     */
    private static <T> T logged(java.util.concurrent.Callable<T> invocation) throws Exception {
        try {
            return invocation.call();
        } catch (Exception e) {
            java.util.Map<String, String> error = new java.util.LinkedHashMap<>();
            error.put("errorType", e.getClass().getName());
            error.put("errorMessage", String.valueOf(e.getMessage()));
            System.err.println("ERROR Invoke Error " + ERROR_JSON.writeValueAsString(error));
            throw e;
        }
    }
}
