package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * A data bucket the pattern creates for consumers to write to (SSE-KMS with the pattern key, versioned, public
 * access blocked, TLS only, access-logged where the pattern logs). Granted with {@code bucket:<name>:write}.
 */
public final class BucketArgs extends ResourceArgs {

    /** Unique name among buckets and file sources (lowercase letters, digits, dashes, 1..30). */
    @Import(name = "name", required = true)
    private String name;

    /** Days before current objects expire (unset = never). */
    @Import(name = "expireAfterDays")
    private @Nullable Integer expireAfterDays;

    private BucketArgs() {
    }

    public String name() { return name; }
    public Optional<Integer> expireAfterDays() { return Optional.ofNullable(expireAfterDays); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final BucketArgs args = new BucketArgs();

        public Builder name(String v) { args.name = v; return this; }
        public Builder expireAfterDays(@Nullable Integer v) { args.expireAfterDays = v; return this; }

        public BucketArgs build() { return args; }
    }
}
