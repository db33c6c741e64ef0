package dev.edp.pattern.config;

import dev.edp.pattern.inputs.ClosedSet;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three environments of seed 004, each with its preset. */
public enum Environment implements ClosedSet {
    /** Short log retention, less memory, verbose logging. */
    DEV,
    /** Moderate retention, standard memory and logging, SnapStart. */
    STAGING,
    /** Long retention, more memory and concurrency, provisioned concurrency, deletion protection. */
    PROD;

    /** The lowercase name used in config and tags. */
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Environment> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(e -> e.id().equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
