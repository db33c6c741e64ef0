package dev.edp.pattern.config;

import java.util.Arrays;
import java.util.Optional;

/** What a function may touch beyond its own queue, in the words consumers use in config. */
public enum Grant {
    TABLE_READ("table:read"),
    TABLE_WRITE("table:write"),
    NOTIFICATIONS_PUBLISH("notifications:publish"),
    BUS_PUT_EVENTS("bus:putEvents"),
    WORKFLOW_CALLBACK("workflow:callback"),
    INGEST_READ("ingest:read"),
    CURATED_WRITE("curated:write");

    private final String id;

    Grant(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Grant> parse(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }
}
