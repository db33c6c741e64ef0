package dev.edp.pattern.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shorthand for what a function or state machine may touch among the pattern's own resources, in the words
 * consumers use in config: {@code table:read}, {@code table:write}, {@code notifications:publish},
 * {@code bus:putEvents}, {@code bucket:<name>:read}, {@code bucket:<name>:write[:<prefix>]},
 * {@code workflow:<consumer>:callback}.
 *
 * @param kind   what is granted
 * @param target the bucket or workflow consumer named, empty for the pattern's single resources
 * @param prefix for bucket writes, the key prefix they are limited to ("" = the whole bucket)
 */
public record Grant(Kind kind, String target, String prefix) {

    public enum Kind { TABLE_READ, TABLE_WRITE, NOTIFICATIONS_PUBLISH, BUS_PUT_EVENTS, BUCKET_READ, BUCKET_WRITE,
        WORKFLOW_CALLBACK }

    /** The forms, as the error message lists them. */
    public static final String FORMS = "table:read, table:write, notifications:publish, bus:putEvents, "
            + "bucket:<name>:read, bucket:<name>:write[:<prefix>], workflow:<consumer>:callback";

    private static final Pattern BUCKET = Pattern.compile("bucket:([a-z][a-z0-9-]{0,29}):(read|write)(?::(.+))?");
    private static final Pattern WORKFLOW = Pattern.compile("workflow:([a-z][a-z0-9-]{0,29}):callback");

    public static Optional<Grant> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        switch (id) {
            case "table:read": return Optional.of(new Grant(Kind.TABLE_READ, "", ""));
            case "table:write": return Optional.of(new Grant(Kind.TABLE_WRITE, "", ""));
            case "notifications:publish": return Optional.of(new Grant(Kind.NOTIFICATIONS_PUBLISH, "", ""));
            case "bus:putEvents": return Optional.of(new Grant(Kind.BUS_PUT_EVENTS, "", ""));
            default:
        }
        Matcher bucket = BUCKET.matcher(id);
        if (bucket.matches()) {
            boolean read = bucket.group(2).equals("read");
            if (read && bucket.group(3) != null) {
                return Optional.empty();
            }
            return Optional.of(new Grant(read ? Kind.BUCKET_READ : Kind.BUCKET_WRITE, bucket.group(1),
                    bucket.group(3) == null ? "" : bucket.group(3)));
        }
        Matcher workflow = WORKFLOW.matcher(id);
        if (workflow.matches()) {
            return Optional.of(new Grant(Kind.WORKFLOW_CALLBACK, workflow.group(1), ""));
        }
        return Optional.empty();
    }

    /** Whether using it needs data keys from the pattern key (writing to the encrypted table, topic, bus, buckets). */
    public boolean encrypts() {
        return kind != Kind.TABLE_READ && kind != Kind.WORKFLOW_CALLBACK;
    }
}
