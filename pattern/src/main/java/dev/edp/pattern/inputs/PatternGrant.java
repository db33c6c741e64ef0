package dev.edp.pattern.inputs;

/** The grants on the pattern's single resources, which take no parameter. The other grants name a resource: {@code bucket:<name>:read}, {@code bucket:<name>:write[:<prefix>]}, {@code workflow:<consumer>:callback} (see {@code Grant}). */
public enum PatternGrant implements ClosedSet {
    /** Read the pattern's table. */
    TABLE_READ("table:read"),
    /** Read and write the pattern's table. */
    TABLE_WRITE("table:write"),
    /** Publish to the notifications topic. */
    NOTIFICATIONS_PUBLISH("notifications:publish"),
    /** Put events on the pattern's bus. */
    BUS_PUT_EVENTS("bus:putEvents");

    private final String id;

    PatternGrant(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
