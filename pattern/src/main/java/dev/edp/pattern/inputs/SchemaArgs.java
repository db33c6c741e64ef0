package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * One event type registered in the bus's schema registry as a JSON Schema (Draft 4). AWS keeps a new version of
 * the schema whenever its content changes.
 */
public final class SchemaArgs extends ResourceArgs {

    /** The schema's name in the registry, e.g. {@code orders@OrderCreated} (EventBridge's {@code source@DetailType} style). */
    @Import(name = "name", required = true)
    private String name;

    /** What the event is, shown in the registry. */
    @Import(name = "description")
    private @Nullable String description;

    /** The schema document (JSON text). Either this or {@link #file()}. */
    @Import(name = "content")
    private @Nullable String content;

    /** Path of a file holding the schema document, relative to the program's working directory. */
    @Import(name = "file")
    private @Nullable String file;

    private SchemaArgs() {
    }

    public String name() { return name; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Optional<String> content() { return Optional.ofNullable(content); }
    public Optional<String> file() { return Optional.ofNullable(file); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final SchemaArgs args = new SchemaArgs();

        public Builder name(String v) { args.name = v; return this; }
        public Builder description(@Nullable String v) { args.description = v; return this; }
        public Builder content(@Nullable String v) { args.content = v; return this; }
        public Builder file(@Nullable String v) { args.file = v; return this; }

        public SchemaArgs build() { return args; }
    }
}
