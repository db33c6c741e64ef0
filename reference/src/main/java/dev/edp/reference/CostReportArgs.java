package dev.edp.reference;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/** The cost-report (CUR) pipeline of seed 000: where reports arrive, and the anomaly rule. */
public final class CostReportArgs extends ResourceArgs {

    /** Create the pipeline (file source, curated bucket, {@code cur-ingest} consumer). Default true. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    /**
     * Use this existing bucket for incoming reports instead of creating one; turn on its "Amazon EventBridge"
     * notifications yourself (the pattern never replaces an existing bucket's notification configuration).
     */
    @Import(name = "existingBucketName")
    private @Nullable Output<String> existingBucketName;

    /** Key suffixes that count as cost reports. Default {@code .csv}, {@code .csv.gz} and {@code .parquet}. */
    @Import(name = "suffixes")
    private @Nullable List<String> suffixes;

    /** A day's total is an anomaly above this many times its trailing mean (a decimal, at least 1). Default 3. */
    @Import(name = "anomalyFactor")
    private @Nullable String anomalyFactor;

    /** Days of history the trailing mean covers, 1..90. Default 7. */
    @Import(name = "anomalyWindowDays")
    private @Nullable Integer anomalyWindowDays;

    private CostReportArgs() {
    }

    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
    public Optional<Output<String>> existingBucketName() { return Optional.ofNullable(existingBucketName); }
    public Optional<List<String>> suffixes() { return Optional.ofNullable(suffixes); }
    public Optional<String> anomalyFactor() { return Optional.ofNullable(anomalyFactor); }
    public Optional<Integer> anomalyWindowDays() { return Optional.ofNullable(anomalyWindowDays); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final CostReportArgs args = new CostReportArgs();

        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }
        public Builder existingBucketName(@Nullable Output<String> v) { args.existingBucketName = v; return this; }
        public Builder existingBucketName(String v) { return existingBucketName(Output.of(v)); }
        public Builder suffixes(@Nullable List<String> v) { args.suffixes = v == null ? null : List.copyOf(v); return this; }
        public Builder anomalyFactor(@Nullable String v) { args.anomalyFactor = v; return this; }
        public Builder anomalyWindowDays(@Nullable Integer v) { args.anomalyWindowDays = v; return this; }

        public CostReportArgs build() { return args; }
    }
}
