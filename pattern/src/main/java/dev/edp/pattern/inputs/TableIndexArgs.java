package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/** A global secondary index of the table. */
public final class TableIndexArgs extends ResourceArgs {

    /** The index's name, 3..255 of letters, digits, {@code _ - .}. */
    @Import(name = "name", required = true)
    private String name;

    /** The index's partition key. */
    @Import(name = "partitionKey", required = true)
    private TableKeyArgs partitionKey;

    /** The index's sort key; unset: none. */
    @Import(name = "sortKey")
    private @Nullable TableKeyArgs sortKey;

    /** {@code ALL} (default), {@code KEYS_ONLY} or {@code INCLUDE} (with {@link #nonKeyAttributes()}). */
    @OneOf(ProjectionType.class)
    @Import(name = "projectionType")
    private @Nullable String projectionType;

    /** Attributes projected into an {@code INCLUDE} index. */
    @Import(name = "nonKeyAttributes")
    private @Nullable List<String> nonKeyAttributes;

    private TableIndexArgs() {
    }

    public String name() { return name; }
    public TableKeyArgs partitionKey() { return partitionKey; }
    public Optional<TableKeyArgs> sortKey() { return Optional.ofNullable(sortKey); }
    public Optional<String> projectionType() { return Optional.ofNullable(projectionType); }
    public List<String> nonKeyAttributes() { return nonKeyAttributes == null ? List.of() : nonKeyAttributes; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final TableIndexArgs args = new TableIndexArgs();

        public Builder name(String v) { args.name = v; return this; }
        public Builder partitionKey(TableKeyArgs v) { args.partitionKey = v; return this; }
        public Builder sortKey(@Nullable TableKeyArgs v) { args.sortKey = v; return this; }
        public Builder projectionType(@Nullable String v) { args.projectionType = v; return this; }
        public Builder projectionType(@Nullable ProjectionType v) { return projectionType(ClosedSet.idOf(v)); }
        public Builder nonKeyAttributes(@Nullable List<String> v) { args.nonKeyAttributes = v == null ? null : List.copyOf(v); return this; }

        public TableIndexArgs build() { return args; }
    }
}
