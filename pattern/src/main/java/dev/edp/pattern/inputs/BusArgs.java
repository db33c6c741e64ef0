package dev.edp.pattern.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/** The custom event bus (created, or an existing one), its archive, its schema registry and discoverer. */
public final class BusArgs extends ResourceArgs {

    /**
     * Use this existing bus (its name, e.g. another program's {@code bus.name()}) instead of creating one. The
     * pattern adds its rules, archive and registry to it, but not a bus policy or encryption (those are the bus's).
     */
    @Import(name = "existingBusName")
    private @Nullable Output<String> existingBusName;

    /** AWS account ids (12 digits) allowed to {@code PutEvents} on the bus. Default none: only this account. */
    @Import(name = "producerAccountIds")
    private @Nullable List<String> producerAccountIds;

    /** Keep an archive of every event for replay. Default true. */
    @Import(name = "archive")
    private @Nullable Boolean archive;

    /** Days the archive keeps events for replay, 0 (forever) or more. Preset: dev 7, staging 30, prod 365. */
    @Import(name = "archiveRetentionDays")
    private @Nullable Integer archiveRetentionDays;

    /** Create a schema registry for the bus's event types. Default true. */
    @Import(name = "schemaRegistry")
    private @Nullable Boolean schemaRegistry;

    /** Run a schema discoverer on the bus. Default true. AWS does not allow it on a bus encrypted with a customer key. */
    @Import(name = "schemaDiscovery")
    private @Nullable Boolean schemaDiscovery;

    /**
     * Encrypt events on the bus with the pattern's key instead of an AWS owned key. Default false, because AWS
     * forbids schema discovery on such a bus; set {@code schemaDiscovery: false} with it.
     */
    @Import(name = "encryptWithPatternKey")
    private @Nullable Boolean encryptWithPatternKey;

    /** Your event types, registered as versioned JSON schemas (Draft 4) in the registry. Default none. */
    @Import(name = "schemas")
    private @Nullable List<SchemaArgs> schemas;

    private BusArgs() {
    }

    public Optional<Output<String>> existingBusName() { return Optional.ofNullable(existingBusName); }
    public Optional<List<String>> producerAccountIds() { return Optional.ofNullable(producerAccountIds); }
    public Optional<Boolean> archive() { return Optional.ofNullable(archive); }
    public Optional<Integer> archiveRetentionDays() { return Optional.ofNullable(archiveRetentionDays); }
    public Optional<Boolean> schemaRegistry() { return Optional.ofNullable(schemaRegistry); }
    public Optional<Boolean> schemaDiscovery() { return Optional.ofNullable(schemaDiscovery); }
    public Optional<Boolean> encryptWithPatternKey() { return Optional.ofNullable(encryptWithPatternKey); }
    public List<SchemaArgs> schemas() { return schemas == null ? List.of() : schemas; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final BusArgs args = new BusArgs();

        public Builder existingBusName(@Nullable Output<String> v) { args.existingBusName = v; return this; }
        public Builder existingBusName(String v) { return existingBusName(Output.of(v)); }
        public Builder producerAccountIds(@Nullable List<String> v) { args.producerAccountIds = v == null ? null : List.copyOf(v); return this; }
        public Builder archive(@Nullable Boolean v) { args.archive = v; return this; }
        public Builder archiveRetentionDays(@Nullable Integer v) { args.archiveRetentionDays = v; return this; }
        public Builder schemaRegistry(@Nullable Boolean v) { args.schemaRegistry = v; return this; }
        public Builder schemaDiscovery(@Nullable Boolean v) { args.schemaDiscovery = v; return this; }
        public Builder encryptWithPatternKey(@Nullable Boolean v) { args.encryptWithPatternKey = v; return this; }
        public Builder schemas(@Nullable List<SchemaArgs> v) { args.schemas = v == null ? null : List.copyOf(v); return this; }
        public Builder schemas(SchemaArgs... v) { return schemas(List.of(v)); }

        public BusArgs build() { return args; }
    }
}
