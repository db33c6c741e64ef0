package dev.edp.cli.ops;

/** Checks of command flags that fail naming the flag and what it must be. */
public final class Flags {

    private Flags() {
    }

    /** {@code value} must be within {@code min..max}. */
    public static void range(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new OpsException(flag + " " + value + ": must be " + min + " to " + max);
        }
    }
}
