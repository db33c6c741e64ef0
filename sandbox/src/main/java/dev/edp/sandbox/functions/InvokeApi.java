package dev.edp.sandbox.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.edp.sandbox.emulator.LambdaGateway;

import java.io.IOException;
import java.time.Instant;

/**
 * Puts the stack's functions behind the {@link LambdaGateway}'s Invoke API: each function whose handler is on the
 * class path gets an execution environment, invoked with the JSON payload (moto's Step Functions interpreter calls it
 * for the workflow's Lambda tasks; {@code aws lambda invoke --endpoint-url} works too), and every invocation is
 * reported to a listener for the trace.
 */
public final class InvokeApi {

    /** Told about each invocation. */
    public interface Listener {
        void invoked(LocalFunction function, byte[] payload, Instant started, Instant ended, Throwable error);
    }

    private InvokeApi() {
    }

    /** Registers every runnable function of {@code functions} in the gateway under its function name. */
    public static void register(LambdaGateway gateway, LocalFunctions functions, FunctionLogs logs, Listener listener)
            throws Exception {
        for (LocalFunction function : functions.all()) {
            if (function.runnable()) {
                gateway.register(function.physicalName(), handler(function.start(logs), listener), function::context);
            }
        }
    }

    private static RequestStreamHandler handler(LocalFunction.Environment environment, Listener listener) {
        return (in, out, context) -> {
            byte[] payload = in.readAllBytes();
            Instant started = Instant.now();
            try {
                out.write(environment.invokeJson(payload));
                listener.invoked(environment.function(), payload, started, Instant.now(), null);
            } catch (RuntimeException | IOException e) {
                listener.invoked(environment.function(), payload, started, Instant.now(), e);
                throw e;
            } catch (Exception e) {
                listener.invoked(environment.function(), payload, started, Instant.now(), e);
                throw new IllegalStateException(e.getClass().getName() + ": " + e.getMessage(), e);
            }
        };
    }
}
