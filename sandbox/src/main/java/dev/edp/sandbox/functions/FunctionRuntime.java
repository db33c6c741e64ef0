package dev.edp.sandbox.functions;

import com.amazonaws.services.lambda.runtime.Context;

/** One execution environment of a function, whatever its runtime: a Java handler in-process, or a subprocess. */
interface FunctionRuntime extends AutoCloseable {

    /** Whether the handler sees the function's own environment variables (else the sandbox's process's). */
    boolean environmentGiven();

    /** Invokes with an input object (an SQS batch, a Step Functions task's input); returns the handler's result. */
    Object call(Object input, Context context) throws Exception;

    /** Invokes with a JSON payload; returns the result as JSON (the Lambda Invoke API's contract). */
    byte[] callJson(byte[] payload, Context context) throws Exception;

    @Override
    default void close() {
    }
}
