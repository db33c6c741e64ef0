package dev.edp.sandbox.functions;

/**
 * A Lambda handler string, {@code package.Class::method} (or just {@code package.Class}, method
 * {@code handleRequest}), as a function's {@code handler} setting names it.
 */
public record HandlerReference(String className, String methodName) {

    public static final String DEFAULT_METHOD = "handleRequest";

    public static HandlerReference parse(String handler) {
        if (handler == null || handler.isBlank()) {
            throw new IllegalArgumentException("a function has no handler");
        }
        int separator = handler.indexOf("::");
        return separator < 0 ? new HandlerReference(handler.trim(), DEFAULT_METHOD)
                : new HandlerReference(handler.substring(0, separator).trim(), handler.substring(separator + 2).trim());
    }

    /** Whether the class is on the CLI's class path (EDP's runtime is). */
    public boolean isOnClassPath() {
        return loadableFrom(HandlerReference.class.getClassLoader());
    }

    /** Whether the class can be loaded from {@code loader} (see {@link FunctionCode}). */
    public boolean loadableFrom(ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether the class has a public constructor taking the function's environment ({@code Map<String, String>}). */
    public boolean takesEnvironment(ClassLoader loader) {
        try {
            Class.forName(className, false, loader).getConstructor(java.util.Map.class);
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return className + "::" + methodName;
    }
}
