package dev.edp.pattern.inputs;

import com.pulumi.asset.Archive;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * A Lambda function the pattern creates: its code, runtime and handler, and how it runs. Used for the defaults
 * every function starts from ({@code functionDefaults}), for a consumer's own function and for a workflow task:
 * each unset field takes the next layer's value, then the environment's preset (README, Configuration).
 *
 * <p>Code is either a Pulumi {@link Archive} ({@code new FileArchive("target/handlers.jar")}, a zip, or a
 * directory) or an S3 object ({@link #codeS3Bucket()} and {@link #codeS3Key()}); references to other resources
 * ({@code Output}s) are accepted for the S3 object, the layers and the VPC placement.
 */
public final class FunctionArgs extends ResourceArgs {

    /** The code: a jar, zip or directory as a Pulumi Archive. Either this or {@link #codeS3Bucket()}. */
    @Import(name = "code")
    private @Nullable Output<Archive> code;

    /** Bucket of the code's S3 object (with {@link #codeS3Key()}); instead of {@link #code()}. */
    @Import(name = "codeS3Bucket")
    private @Nullable Output<String> codeS3Bucket;

    /** Key of the code's S3 object. */
    @Import(name = "codeS3Key")
    private @Nullable Output<String> codeS3Key;

    /** Version of the code's S3 object (versioned buckets). */
    @Import(name = "codeS3ObjectVersion")
    private @Nullable Output<String> codeS3ObjectVersion;

    /** Lambda runtime identifier: {@code java21}, {@code python3.12}, {@code nodejs20.x}, ... Default {@code java21}. */
    @Import(name = "runtime")
    private @Nullable String runtime;

    /** The handler: {@code package.Class::method} (Java), {@code module.function} (Python, Node.js). */
    @Import(name = "handler")
    private @Nullable String handler;

    /** Layer version ARNs the function runs with, at most 5. */
    @Import(name = "layers")
    private @Nullable Output<List<String>> layers;

    /** Subnets to run the function in (with {@link #securityGroupIds()}); unset: outside any VPC. */
    @Import(name = "subnetIds")
    private @Nullable Output<List<String>> subnetIds;

    /** Security groups of the function's network interfaces (with {@link #subnetIds()}). */
    @Import(name = "securityGroupIds")
    private @Nullable Output<List<String>> securityGroupIds;

    /** Size of {@code /tmp} in MB, 512..10240. Default 512. */
    @Import(name = "ephemeralStorageMb")
    private @Nullable Integer ephemeralStorageMb;

    /** Memory in MB, 128..10240. Preset: dev 512, staging 1024, prod 2048 (more memory also buys more CPU). */
    @Import(name = "memoryMb")
    private @Nullable Integer memoryMb;

    /** Timeout in seconds, 1..900. Default 30 (seed 003). */
    @Import(name = "timeoutSeconds")
    private @Nullable Integer timeoutSeconds;

    /** Instruction set, {@code arm64} (default: cheaper per GB-second) or {@code x86_64}. */
    @OneOf(Architecture.class)
    @Import(name = "architecture")
    private @Nullable String architecture;

    /** Days CloudWatch keeps the function's logs. Preset: dev 7, staging 14, prod 90. */
    @Import(name = "logRetentionDays")
    private @Nullable Integer logRetentionDays;

    /** Application log level of Lambda's JSON logs (TRACE, DEBUG, INFO, WARN, ERROR, FATAL). Preset: dev DEBUG, staging INFO, prod INFO. */
    @OneOf(LogLevel.class)
    @Import(name = "logLevel")
    private @Nullable String logLevel;

    /** Provisioned concurrency (0 = none). Preset: dev 0, staging 0, prod 2. Needs a published version: the pattern adds alias {@code live}. */
    @Import(name = "provisionedConcurrency")
    private @Nullable Integer provisionedConcurrency;

    /** Reserved concurrency (unset = unreserved). */
    @Import(name = "reservedConcurrency")
    private @Nullable Integer reservedConcurrency;

    /** Most concurrent invocations an SQS event source mapping may drive, 2..1000. Preset: dev 2, staging 10, prod 50. */
    @Import(name = "maximumConcurrency")
    private @Nullable Integer maximumConcurrency;

    /**
     * SnapStart on published versions (Java cold starts; Java runtimes only). AWS forbids it with provisioned
     * concurrency. Preset: staging on for Java runtimes.
     */
    @Import(name = "snapStart")
    private @Nullable Boolean snapStart;

    private FunctionArgs() {
    }

    public Optional<Output<Archive>> code() { return Optional.ofNullable(code); }
    public Optional<Output<String>> codeS3Bucket() { return Optional.ofNullable(codeS3Bucket); }
    public Optional<Output<String>> codeS3Key() { return Optional.ofNullable(codeS3Key); }
    public Optional<Output<String>> codeS3ObjectVersion() { return Optional.ofNullable(codeS3ObjectVersion); }
    public Optional<String> runtime() { return Optional.ofNullable(runtime); }
    public Optional<String> handler() { return Optional.ofNullable(handler); }
    public Optional<Output<List<String>>> layers() { return Optional.ofNullable(layers); }
    public Optional<Output<List<String>>> subnetIds() { return Optional.ofNullable(subnetIds); }
    public Optional<Output<List<String>>> securityGroupIds() { return Optional.ofNullable(securityGroupIds); }
    public Optional<Integer> ephemeralStorageMb() { return Optional.ofNullable(ephemeralStorageMb); }
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
        private final FunctionArgs args = new FunctionArgs();

        public Builder code(@Nullable Output<Archive> v) { args.code = v; return this; }
        public Builder code(Archive v) { return code(Output.of(v)); }
        public Builder codeS3Bucket(@Nullable Output<String> v) { args.codeS3Bucket = v; return this; }
        public Builder codeS3Bucket(String v) { return codeS3Bucket(Output.of(v)); }
        public Builder codeS3Key(@Nullable Output<String> v) { args.codeS3Key = v; return this; }
        public Builder codeS3Key(String v) { return codeS3Key(Output.of(v)); }
        public Builder codeS3ObjectVersion(@Nullable Output<String> v) { args.codeS3ObjectVersion = v; return this; }
        public Builder codeS3ObjectVersion(String v) { return codeS3ObjectVersion(Output.of(v)); }
        public Builder runtime(@Nullable String v) { args.runtime = v; return this; }
        public Builder handler(@Nullable String v) { args.handler = v; return this; }
        public Builder layers(@Nullable Output<List<String>> v) { args.layers = v; return this; }
        public Builder layers(List<String> v) { return layers(Output.of(List.copyOf(v))); }
        public Builder layers(String... v) { return layers(List.of(v)); }
        public Builder subnetIds(@Nullable Output<List<String>> v) { args.subnetIds = v; return this; }
        public Builder subnetIds(List<String> v) { return subnetIds(Output.of(List.copyOf(v))); }
        public Builder subnetIds(String... v) { return subnetIds(List.of(v)); }
        public Builder securityGroupIds(@Nullable Output<List<String>> v) { args.securityGroupIds = v; return this; }
        public Builder securityGroupIds(List<String> v) { return securityGroupIds(Output.of(List.copyOf(v))); }
        public Builder securityGroupIds(String... v) { return securityGroupIds(List.of(v)); }
        public Builder ephemeralStorageMb(@Nullable Integer v) { args.ephemeralStorageMb = v; return this; }
        public Builder memoryMb(@Nullable Integer v) { args.memoryMb = v; return this; }
        public Builder timeoutSeconds(@Nullable Integer v) { args.timeoutSeconds = v; return this; }
        public Builder architecture(@Nullable String v) { args.architecture = v; return this; }
        public Builder architecture(@Nullable Architecture v) { return architecture(ClosedSet.idOf(v)); }
        public Builder logRetentionDays(@Nullable Integer v) { args.logRetentionDays = v; return this; }
        public Builder logLevel(@Nullable String v) { args.logLevel = v; return this; }
        public Builder logLevel(@Nullable LogLevel v) { return logLevel(ClosedSet.idOf(v)); }
        public Builder provisionedConcurrency(@Nullable Integer v) { args.provisionedConcurrency = v; return this; }
        public Builder reservedConcurrency(@Nullable Integer v) { args.reservedConcurrency = v; return this; }
        public Builder maximumConcurrency(@Nullable Integer v) { args.maximumConcurrency = v; return this; }
        public Builder snapStart(@Nullable Boolean v) { args.snapStart = v; return this; }

        public FunctionArgs build() { return args; }
    }
}
