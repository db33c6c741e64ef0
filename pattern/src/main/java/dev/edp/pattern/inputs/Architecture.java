package dev.edp.pattern.inputs;

import java.util.Locale;

/** A Lambda function's instruction set. */
public enum Architecture implements ClosedSet {
    /** Graviton (the default: cheaper per GB-second). */
    ARM64,
    /** x86-64. */
    X86_64;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
