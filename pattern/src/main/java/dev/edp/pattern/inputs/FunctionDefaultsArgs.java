package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * Settings every Lambda function of the pattern starts from. Unset fields take the environment's preset
 * (see the README, Configuration); a consumer can override each of them for its own function.
 */
public final class FunctionDefaultsArgs extends ResourceArgs {

    public static final FunctionDefaultsArgs Empty = builder().build();

    /** Memory in MB, 128..10240. Preset: dev 512, staging 1024, prod 2048 (more memory also buys more CPU). */
    @Import(name = "memoryMb")
    private @Nullable Integer memoryMb;

    /** Timeout in seconds, 1..900. Preset: 30 (seed 003); the CUR consumer overrides it to 300. */
    @Import(name = "timeoutSeconds")
    private @Nullable Integer timeoutSeconds;

    /** Instruction set, {@code arm64} (default: cheaper per GB-second) or {@code x86_64}. */
    @Import(name = "architecture")
    private @Nullable String architecture;

    /** Days CloudWatch keeps each function's logs. Preset: dev 7, staging 14, prod 90. */
    @Import(name = "logRetentionDays")
    private @Nullable Integer logRetentionDays;

    /** Application log level for Lambda's JSON logs (TRACE, DEBUG, INFO, WARN, ERROR, FATAL). Preset: dev DEBUG, else INFO. */
    @Import(name = "logLevel")
    private @Nullable String logLevel;

    /** Provisioned concurrency per function (0 = none). Preset: prod 2, else 0. Needs a published version: the pattern adds alias {@code live}. */
    @Import(name = "provisionedConcurrency")
    private @Nullable Integer provisionedConcurrency;

    /** Reserved concurrency per function (unset = unreserved). */
    @Import(name = "reservedConcurrency")
    private @Nullable Integer reservedConcurrency;

    /** Most concurrent invocations an SQS event source mapping may drive, 2..1000. Preset: dev 2, staging 10, prod 50. */
    @Import(name = "maximumConcurrency")
    private @Nullable Integer maximumConcurrency;

    /** SnapStart on published versions (Java cold starts). AWS forbids it with provisioned concurrency. Preset: staging on. */
    @Import(name = "snapStart")
    private @Nullable Boolean snapStart;

    private FunctionDefaultsArgs() {
    }

    public Optional<Integer> memoryMb() { return Optional.ofNullable(memoryMb); }
    public Optional<Integer> timeoutSeconds() { return Optional.ofNullable(timeoutSeconds); }
    public Optional<String> architecture() { return Optional.ofNullable(architecture); }
    public Optional<Integer> logRetentionDays() { return Optional.ofNullable(logRetentionDays); }
    public Optional<String> logLevel() { return Optional.ofNullable(logLevel); }
    public Optional<Integer> provisionedConcurrency() { return Optional.ofNullable(provisionedConcurrency); }
    public Optional<Integer> reservedConcurrency() { return Optional.ofNullable(reservedConcurrency); }
    public Optional<Integer> maximumConcurrency() { return Optional.ofNullable(maximumConcurrency); }
    public Optional<Boolean> snapStart() { return Optional.ofNullable(snapStart); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final FunctionDefaultsArgs args = new FunctionDefaultsArgs();

        public Builder memoryMb(@Nullable Integer v) { args.memoryMb = v; return this; }
        public Builder timeoutSeconds(@Nullable Integer v) { args.timeoutSeconds = v; return this; }
        public Builder architecture(@Nullable String v) { args.architecture = v; return this; }
        public Builder logRetentionDays(@Nullable Integer v) { args.logRetentionDays = v; return this; }
        public Builder logLevel(@Nullable String v) { args.logLevel = v; return this; }
        public Builder provisionedConcurrency(@Nullable Integer v) { args.provisionedConcurrency = v; return this; }
        public Builder reservedConcurrency(@Nullable Integer v) { args.reservedConcurrency = v; return this; }
        public Builder maximumConcurrency(@Nullable Integer v) { args.maximumConcurrency = v; return this; }
        public Builder snapStart(@Nullable Boolean v) { args.snapStart = v; return this; }

        public FunctionDefaultsArgs build() { return args; }
    }
}
