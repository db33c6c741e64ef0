package dev.edp.pattern.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * The DynamoDB table consumers share: by default one table with string keys {@code pk} and {@code sk}, on-demand,
 * encrypted with the pattern key, point-in-time recovery on. Bring your own with {@link #existingTableName()}, shape
 * your own with {@link #partitionKey()}, {@link #sortKey()} and {@link #globalSecondaryIndexes()}, or turn it off.
 */
public final class TableArgs extends ResourceArgs {

    /** Create (or use) a table. Default true; false: no table, and the {@code table:*} grants are refused. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    /**
     * Use this existing table instead of creating one (its name, e.g. another stack's output). The pattern then
     * neither encrypts nor configures it; grants name it by ARN in this account and region.
     */
    @Import(name = "existingTableName")
    private @Nullable Output<String> existingTableName;

    /** Partition key of a new table. Default {@code pk} (string). */
    @Import(name = "partitionKey")
    private @Nullable TableKeyArgs partitionKey;

    /** Sort key of a new table. Default {@code sk} (string); set {@code name: ""} for none. */
    @Import(name = "sortKey")
    private @Nullable TableKeyArgs sortKey;

    /** Global secondary indexes of a new table (on-demand, like the table). Default none. */
    @Import(name = "globalSecondaryIndexes")
    private @Nullable List<TableIndexArgs> globalSecondaryIndexes;

    /** Refuse to delete the table. Preset: dev false, staging false, prod true. */
    @Import(name = "deletionProtection")
    private @Nullable Boolean deletionProtection;

    /** Publish a DynamoDB stream (NEW_AND_OLD_IMAGES). Default false. */
    @Import(name = "streamEnabled")
    private @Nullable Boolean streamEnabled;

    /** Attribute holding each item's expiry (epoch seconds) for DynamoDB TTL. Default {@code expiresAt}. */
    @Import(name = "ttlAttribute")
    private @Nullable String ttlAttribute;

    private TableArgs() {
    }

    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
    public Optional<Output<String>> existingTableName() { return Optional.ofNullable(existingTableName); }
    public Optional<TableKeyArgs> partitionKey() { return Optional.ofNullable(partitionKey); }
    public Optional<TableKeyArgs> sortKey() { return Optional.ofNullable(sortKey); }
    public List<TableIndexArgs> globalSecondaryIndexes() { return globalSecondaryIndexes == null ? List.of() : globalSecondaryIndexes; }
    public Optional<Boolean> deletionProtection() { return Optional.ofNullable(deletionProtection); }
    public Optional<Boolean> streamEnabled() { return Optional.ofNullable(streamEnabled); }
    public Optional<String> ttlAttribute() { return Optional.ofNullable(ttlAttribute); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final TableArgs args = new TableArgs();

        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }
        public Builder existingTableName(@Nullable Output<String> v) { args.existingTableName = v; return this; }
        public Builder existingTableName(String v) { return existingTableName(Output.of(v)); }
        public Builder partitionKey(@Nullable TableKeyArgs v) { args.partitionKey = v; return this; }
        public Builder sortKey(@Nullable TableKeyArgs v) { args.sortKey = v; return this; }
        public Builder globalSecondaryIndexes(@Nullable List<TableIndexArgs> v) { args.globalSecondaryIndexes = v == null ? null : List.copyOf(v); return this; }
        public Builder globalSecondaryIndexes(TableIndexArgs... v) { return globalSecondaryIndexes(List.of(v)); }
        public Builder deletionProtection(@Nullable Boolean v) { args.deletionProtection = v; return this; }
        public Builder streamEnabled(@Nullable Boolean v) { args.streamEnabled = v; return this; }
        public Builder ttlAttribute(@Nullable String v) { args.ttlAttribute = v; return this; }

        public TableArgs build() { return args; }
    }
}
