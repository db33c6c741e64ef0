package dev.edp.pattern.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * Files arriving in an S3 bucket, as events on the pattern's bus. S3 sends "Object Created" events only to the
 * account's <b>default</b> bus, so the pattern adds a rule there matching this bucket (and the prefix and
 * suffixes) that forwards the events to its own bus (seed 001's silent failure was the missing forward).
 * Consumers receive them with {@code fileSource: <name>}.
 */
public final class FileSourceArgs extends ResourceArgs {

    /** Unique name (lowercase letters, digits, dashes, 1..30); names the bucket for grants ({@code bucket:<name>:read}). */
    @Import(name = "name", required = true)
    private String name;

    /**
     * Use this existing bucket (its name, e.g. another resource's {@code bucket()}) instead of creating one. The
     * pattern does not touch its notification configuration (that would replace the bucket's existing one): turn
     * on "Amazon EventBridge" notifications on it.
     */
    @Import(name = "existingBucketName")
    private @Nullable Output<String> existingBucketName;

    /** Only keys starting with this. Default: every key. */
    @Import(name = "prefix")
    private @Nullable String prefix;

    /** Only keys ending with one of these. Default: every key. */
    @Import(name = "suffixes")
    private @Nullable List<String> suffixes;

    private FileSourceArgs() {
    }

    public String name() { return name; }
    public Optional<Output<String>> existingBucketName() { return Optional.ofNullable(existingBucketName); }
    public Optional<String> prefix() { return Optional.ofNullable(prefix); }
    public List<String> suffixes() { return suffixes == null ? List.of() : suffixes; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final FileSourceArgs args = new FileSourceArgs();

        public Builder name(String v) { args.name = v; return this; }
        public Builder existingBucketName(@Nullable Output<String> v) { args.existingBucketName = v; return this; }
        public Builder existingBucketName(String v) { return existingBucketName(Output.of(v)); }
        public Builder prefix(@Nullable String v) { args.prefix = v; return this; }
        public Builder suffixes(@Nullable List<String> v) { args.suffixes = v == null ? null : List.copyOf(v); return this; }
        public Builder suffixes(String... v) { return suffixes(List.of(v)); }

        public FileSourceArgs build() { return args; }
    }
}
