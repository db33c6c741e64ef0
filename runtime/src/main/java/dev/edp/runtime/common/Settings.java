package dev.edp.runtime.common;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a handler's configuration from environment variables. Every error names the variable, so a misconfigured
 * function fails its first invocation with a message that says what to fix.
 */
public final class Settings {

    private final Map<String, String> env;

    public Settings(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** The process environment: what Lambda sets from the function's configuration. */
    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** A variable that must be set and not blank. */
    public String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value.trim();
    }

    /** A variable with a default used when it is unset or blank. */
    public String optional(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A positive whole number, or the default. */
    public int positiveInt(String name, int fallback) {
        String value = optional(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalStateException("environment variable " + name + " must be a positive integer, got '" + value + "'");
    }

    /** A positive decimal number, or the default. */
    public BigDecimal positiveDecimal(String name, BigDecimal fallback) {
        String value = optional(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            BigDecimal parsed = new BigDecimal(value);
            if (parsed.signum() > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalStateException("environment variable " + name + " must be a positive number, got '" + value + "'");
    }
}
