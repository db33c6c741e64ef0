package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/** The custom event bus, its archive and its schema registry. */
public final class BusArgs extends ResourceArgs {

    public static final BusArgs Empty = builder().build();

    /** AWS account ids (12 digits) allowed to {@code PutEvents} on the bus. Default none: only this account. */
    @Import(name = "producerAccountIds")
    private @Nullable List<String> producerAccountIds;

    /** Days the archive keeps events for replay, 0 (forever) or more. Preset: dev 7, staging 30, prod 365. */
    @Import(name = "archiveRetentionDays")
    private @Nullable Integer archiveRetentionDays;

    /** Run a schema discoverer on the bus. Default true. AWS does not allow it on a bus encrypted with a customer key. */
    @Import(name = "schemaDiscovery")
    private @Nullable Boolean schemaDiscovery;

    /**
     * Encrypt events on the bus with the pattern's key instead of an AWS owned key. Default false, because AWS
     * forbids schema discovery on such a bus; set {@code schemaDiscovery: false} with it.
     */
    @Import(name = "encryptWithPatternKey")
    private @Nullable Boolean encryptWithPatternKey;

    /**
     * Event types to register as versioned JSON schemas (Draft 4), by detail-type. Default: the seed events
     * (Order Created, Order Completed, Inventory Updated, Notification Sent, Workflow Triggered, Approval Decided,
     * Workflow Completed, Object Created).
     */
    @Import(name = "schemaEventTypes")
    private @Nullable List<String> schemaEventTypes;

    private BusArgs() {
    }

    public Optional<List<String>> producerAccountIds() { return Optional.ofNullable(producerAccountIds); }
    public Optional<Integer> archiveRetentionDays() { return Optional.ofNullable(archiveRetentionDays); }
    public Optional<Boolean> schemaDiscovery() { return Optional.ofNullable(schemaDiscovery); }
    public Optional<Boolean> encryptWithPatternKey() { return Optional.ofNullable(encryptWithPatternKey); }
    public Optional<List<String>> schemaEventTypes() { return Optional.ofNullable(schemaEventTypes); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final BusArgs args = new BusArgs();

        public Builder producerAccountIds(@Nullable List<String> v) { args.producerAccountIds = v == null ? null : List.copyOf(v); return this; }
        public Builder archiveRetentionDays(@Nullable Integer v) { args.archiveRetentionDays = v; return this; }
        public Builder schemaDiscovery(@Nullable Boolean v) { args.schemaDiscovery = v; return this; }
        public Builder encryptWithPatternKey(@Nullable Boolean v) { args.encryptWithPatternKey = v; return this; }
        public Builder schemaEventTypes(@Nullable List<String> v) { args.schemaEventTypes = v == null ? null : List.copyOf(v); return this; }

        public BusArgs build() { return args; }
    }
}
