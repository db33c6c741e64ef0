package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * Where cost-report (CUR) files come from. S3 sends "Object Created" events only to the account's default bus, so
 * the pattern adds a rule there that forwards this bucket's uploads to the custom bus (seed 001's failure was the
 * missing forward). The {@code cur-ingest} consumer then routes them to its queue and function.
 */
public final class CurIngestArgs extends ResourceArgs {

    public static final CurIngestArgs Empty = builder().build();

    /** Create the CUR source, the curated bucket and the {@code cur-ingest} consumer. Default true. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    /**
     * Use this existing bucket instead of creating one. The pattern then does not touch its notification
     * configuration (that would replace the bucket's existing one): turn on "Amazon EventBridge" notifications on it.
     */
    @Import(name = "existingBucketName")
    private @Nullable String existingBucketName;

    /** Key suffixes that count as cost reports. Default {@code .csv} and {@code .csv.gz}. */
    @Import(name = "suffixes")
    private @Nullable List<String> suffixes;

    /**
     * A day's total for an account and service is an anomaly when above this many times its trailing mean
     * (a decimal, at least 1). Default 3.
     */
    @Import(name = "anomalyFactor")
    private @Nullable String anomalyFactor;

    /** Days of history the trailing mean covers, 1..90. Default 7. */
    @Import(name = "anomalyWindowDays")
    private @Nullable Integer anomalyWindowDays;

    private CurIngestArgs() {
    }

    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
    public Optional<String> existingBucketName() { return Optional.ofNullable(existingBucketName); }
    public Optional<List<String>> suffixes() { return Optional.ofNullable(suffixes); }
    public Optional<String> anomalyFactor() { return Optional.ofNullable(anomalyFactor); }
    public Optional<Integer> anomalyWindowDays() { return Optional.ofNullable(anomalyWindowDays); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final CurIngestArgs args = new CurIngestArgs();

        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }
        public Builder existingBucketName(@Nullable String v) { args.existingBucketName = v; return this; }
        public Builder suffixes(@Nullable List<String> v) { args.suffixes = v == null ? null : List.copyOf(v); return this; }
        public Builder anomalyFactor(@Nullable String v) { args.anomalyFactor = v; return this; }
        public Builder anomalyWindowDays(@Nullable Integer v) { args.anomalyWindowDays = v; return this; }

        public CurIngestArgs build() { return args; }
    }
}
