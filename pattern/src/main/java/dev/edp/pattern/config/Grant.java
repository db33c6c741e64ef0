package dev.edp.pattern.config;

import dev.edp.pattern.inputs.ClosedSet;
import dev.edp.pattern.inputs.PatternGrant;

import java.util.List;
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

    /** The grants that name a resource, beside the fixed ones ({@link PatternGrant}): their grammar. */
    public static final List<String> PARAMETERIZED_FORMS = List.of("bucket:<name>:read",
            "bucket:<name>:write[:<prefix>]", "workflow:<consumer>:callback");

    /** Every form, as the error message lists them. */
    public static final String FORMS = String.join(", ", ClosedSet.ids(PatternGrant.class)) + ", "
            + String.join(", ", PARAMETERIZED_FORMS);

    private static final Pattern BUCKET = Pattern.compile("bucket:([a-z][a-z0-9-]{0,29}):(read|write)(?::(.+))?");
    private static final Pattern WORKFLOW = Pattern.compile("workflow:([a-z][a-z0-9-]{0,29}):callback");

    public static Optional<Grant> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Optional<PatternGrant> fixed = ClosedSet.parse(PatternGrant.class, id);
        if (fixed.isPresent()) {
            return Optional.of(new Grant(switch (fixed.get()) {
                case TABLE_READ -> Kind.TABLE_READ;
                case TABLE_WRITE -> Kind.TABLE_WRITE;
                case NOTIFICATIONS_PUBLISH -> Kind.NOTIFICATIONS_PUBLISH;
                case BUS_PUT_EVENTS -> Kind.BUS_PUT_EVENTS;
            }, "", ""));
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
