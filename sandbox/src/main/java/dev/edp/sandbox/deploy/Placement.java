package dev.edp.sandbox.deploy;

/** Where a resource of the stack lives in the sandbox. */
public enum Placement {
    /** Created on moto with the stack's settings; reachable with {@code aws --endpoint-url}. */
    EMULATOR("on moto"),
    /** Played by the sandbox itself in this JVM (functions, event source mappings, deliveries moto cannot make). */
    LOCAL("run by the sandbox"),
    /** Neither: listed with the reason, never skipped silently. */
    NOT_EMULATED("not emulated");

    private final String label;

    Placement(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
