package dev.edp.sandbox.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * One execution environment of a function: its handler object, built once with the function's environment
 * variables, and the handler method, called like Lambda's Java runtime calls it.
 *
 * <p>Construction: a public constructor taking {@code Map<String, String>} (the function's environment; what every
 * EDP handler has) is preferred, since one JVM cannot give each function its own process environment; a handler
 * with only a no-argument constructor is built with that and sees the sandbox's process environment
 * ({@link #environmentGiven()} says which).
 *
 * <p>Calling: {@link RequestStreamHandler}s get the payload's bytes; any other handler method gets its first
 * parameter converted from the payload with Jackson (an {@code SQSEvent} built by the sandbox is passed as is) and,
 * when it takes one, a {@link Context}.
 */
final class HandlerInstance implements FunctionRuntime {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Object handler;
    private final Method method;
    private final boolean environmentGiven;

    private HandlerInstance(Object handler, Method method, boolean environmentGiven) {
        this.handler = handler;
        this.method = method;
        this.environmentGiven = environmentGiven;
    }

    static HandlerInstance create(HandlerReference reference, Map<String, String> environment) throws Exception {
        return create(reference, environment, HandlerInstance.class.getClassLoader());
    }

    /** With the class loaded from {@code loader} (the function's code, see {@link FunctionCode}). */
    static HandlerInstance create(HandlerReference reference, Map<String, String> environment, ClassLoader loader)
            throws Exception {
        return inContextOf(loader, () -> construct(reference, environment, loader));
    }

    private static HandlerInstance construct(HandlerReference reference, Map<String, String> environment,
                                             ClassLoader loader) throws Exception {
        Class<?> type = Class.forName(reference.className(), true, loader);
        Object handler;
        boolean given;
        try {
            Constructor<?> withEnvironment = type.getConstructor(Map.class);
            handler = withEnvironment.newInstance(Map.copyOf(environment));
            given = true;
        } catch (NoSuchMethodException e) {
            handler = type.getConstructor().newInstance();
            given = false;
        } catch (InvocationTargetException e) {
            throw asException(e.getCause());
        }
        return new HandlerInstance(handler, method(type, reference.methodName()), given);
    }

    /** Whether the handler was given the function's environment (else it reads the sandbox's process's). */
    @Override
    public boolean environmentGiven() {
        return environmentGiven;
    }

    /** The type of the handler method's input. */
    Class<?> inputType() {
        return method.getParameterTypes()[0];
    }

    /**
     * Runs {@code work} with the function's loader as the thread's context class loader, as Lambda's runtime does:
     * libraries in the function's code (the AWS SDK's HTTP client lookup, Jackson modules) find their services
     * there, not on the sandbox's class path.
     */
    private static <T> T inContextOf(ClassLoader loader, java.util.concurrent.Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Calls the handler with an input object (converted to the method's input type when it is not one). */
    @Override
    public Object call(Object input, Context context) throws Exception {
        return inContextOf(handler.getClass().getClassLoader(), () -> callInContext(input, context));
    }

    private Object callInContext(Object input, Context context) throws Exception {
        if (handler instanceof RequestStreamHandler stream && isStreamMethod()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(input)), out, context);
            return out.size() == 0 ? null : JSON.readTree(out.toByteArray());
        }
        Object argument = input == null || inputType().isInstance(input) ? input : JSON.convertValue(input, inputType());
        try {
            return method.getParameterCount() == 2 ? method.invoke(handler, argument, context)
                    : method.invoke(handler, argument);
        } catch (InvocationTargetException e) {
            throw asException(e.getCause());
        }
    }

    /** Calls the handler with a JSON payload and returns its result as JSON (the Lambda Invoke API's contract). */
    @Override
    public byte[] callJson(byte[] payload, Context context) throws Exception {
        JsonNode input = payload.length == 0 ? null : JSON.readTree(payload);
        Object result = call(input, context);
        return result == null ? "null".getBytes(java.nio.charset.StandardCharsets.UTF_8) : JSON.writeValueAsBytes(result);
    }


    private boolean isStreamMethod() {
        return method.getName().equals("handleRequest") && method.getParameterCount() == 3;
    }

    /** The public method of that name with the most parameters (input[, Context] or the stream form). */
    private static Method method(Class<?> type, String name) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic()
                        && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() >= 1)
                .max(Comparator.comparingInt(Method::getParameterCount)
                        .thenComparing(m -> m.getParameterTypes()[0] != Object.class))
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " has no public method " + name
                        + "(input[, Context])"));
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Exception e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new RuntimeException(t);
    }
}
