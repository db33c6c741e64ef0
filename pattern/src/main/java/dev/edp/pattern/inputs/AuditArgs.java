package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/** The audit trail: every event on the bus → Firehose → a date-partitioned, GZIP, KMS-encrypted S3 bucket. */
public final class AuditArgs extends ResourceArgs {


    /** Create the audit trail. Default true. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    /** Days before audit objects move to S3 Standard-IA, at least 30 (S3's minimum). Default 30. */
    @Import(name = "infrequentAccessAfterDays")
    private @Nullable Integer infrequentAccessAfterDays;

    /** Days before audit objects move to Glacier Flexible Retrieval; more than the IA days. Default 90. */
    @Import(name = "glacierAfterDays")
    private @Nullable Integer glacierAfterDays;

    /** Days before audit objects expire (0 = never). Preset: dev 180, staging 365, prod 0. */
    @Import(name = "expireAfterDays")
    private @Nullable Integer expireAfterDays;

    /** Seconds Firehose buffers before writing, 0..900. Preset: dev 60, staging 300, prod 300. */
    @Import(name = "bufferingSeconds")
    private @Nullable Integer bufferingSeconds;

    /** MB Firehose buffers before writing, 1..128. Default 5. */
    @Import(name = "bufferingMb")
    private @Nullable Integer bufferingMb;

    private AuditArgs() {
    }

    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
    public Optional<Integer> infrequentAccessAfterDays() { return Optional.ofNullable(infrequentAccessAfterDays); }
    public Optional<Integer> glacierAfterDays() { return Optional.ofNullable(glacierAfterDays); }
    public Optional<Integer> expireAfterDays() { return Optional.ofNullable(expireAfterDays); }
    public Optional<Integer> bufferingSeconds() { return Optional.ofNullable(bufferingSeconds); }
    public Optional<Integer> bufferingMb() { return Optional.ofNullable(bufferingMb); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final AuditArgs args = new AuditArgs();

        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }
        public Builder infrequentAccessAfterDays(@Nullable Integer v) { args.infrequentAccessAfterDays = v; return this; }
        public Builder glacierAfterDays(@Nullable Integer v) { args.glacierAfterDays = v; return this; }
        public Builder expireAfterDays(@Nullable Integer v) { args.expireAfterDays = v; return this; }
        public Builder bufferingSeconds(@Nullable Integer v) { args.bufferingSeconds = v; return this; }
        public Builder bufferingMb(@Nullable Integer v) { args.bufferingMb = v; return this; }

        public AuditArgs build() { return args; }
    }
}
