package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/** One key attribute of the table or of an index. */
public final class TableKeyArgs extends ResourceArgs {

    /** The attribute's name. */
    @Import(name = "name", required = true)
    private String name;

    /** Its DynamoDB type: {@code S} (string, default), {@code N} (number) or {@code B} (binary). */
    @OneOf(KeyType.class)
    @Import(name = "type")
    private @Nullable String type;

    private TableKeyArgs() {
    }

    public String name() { return name; }
    public Optional<String> type() { return Optional.ofNullable(type); }

    public static Builder builder() { return new Builder(); }

    /** A string key attribute. */
    public static TableKeyArgs string(String name) { return builder().name(name).type("S").build(); }

    public static final class Builder {
        private final TableKeyArgs args = new TableKeyArgs();

        public Builder name(String v) { args.name = v; return this; }
        public Builder type(@Nullable String v) { args.type = v; return this; }
        public Builder type(@Nullable KeyType v) { return type(ClosedSet.idOf(v)); }

        public TableKeyArgs build() { return args; }
    }
}
