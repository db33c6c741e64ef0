package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * The single DynamoDB table (partition key {@code pk}, sort key {@code sk}, both strings; on-demand; encrypted
 * with the pattern key; point-in-time recovery always on).
 */
public final class StateTableArgs extends ResourceArgs {

    public static final StateTableArgs Empty = builder().build();

    /** Refuse to delete the table. Preset: prod true, else false. */
    @Import(name = "deletionProtection")
    private @Nullable Boolean deletionProtection;

    /** Publish a DynamoDB stream (NEW_AND_OLD_IMAGES). Default false. */
    @Import(name = "streamEnabled")
    private @Nullable Boolean streamEnabled;

    /** Attribute holding each item's expiry (epoch seconds) for DynamoDB TTL. Default {@code expiresAt}. */
    @Import(name = "ttlAttribute")
    private @Nullable String ttlAttribute;

    private StateTableArgs() {
    }

    public Optional<Boolean> deletionProtection() { return Optional.ofNullable(deletionProtection); }
    public Optional<Boolean> streamEnabled() { return Optional.ofNullable(streamEnabled); }
    public Optional<String> ttlAttribute() { return Optional.ofNullable(ttlAttribute); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final StateTableArgs args = new StateTableArgs();

        public Builder deletionProtection(@Nullable Boolean v) { args.deletionProtection = v; return this; }
        public Builder streamEnabled(@Nullable Boolean v) { args.streamEnabled = v; return this; }
        public Builder ttlAttribute(@Nullable String v) { args.ttlAttribute = v; return this; }

        public StateTableArgs build() { return args; }
    }
}
