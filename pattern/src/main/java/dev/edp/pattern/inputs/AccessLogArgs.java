package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * S3 server access logging of the pattern's buckets (ingest, curated, audit) into one log bucket of the pattern:
 * SSE-KMS with the pattern key (whose policy lets the S3 logging service generate data keys), versioned, public
 * access blocked, TLS-only, written by the S3 logging service under a bucket policy scoped to these buckets and this
 * account, logs expired after {@link #expireAfterDays()}. The log bucket does not log itself.
 */
public final class AccessLogArgs extends ResourceArgs {

    public static final AccessLogArgs Empty = builder().build();

    /** Log requests to the pattern's buckets. Default true. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    /** Days before access log objects expire, at least 1. Preset: dev 30, staging 90, prod 365. */
    @Import(name = "expireAfterDays")
    private @Nullable Integer expireAfterDays;

    private AccessLogArgs() {
    }

    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
    public Optional<Integer> expireAfterDays() { return Optional.ofNullable(expireAfterDays); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final AccessLogArgs args = new AccessLogArgs();

        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }
        public Builder expireAfterDays(@Nullable Integer v) { args.expireAfterDays = v; return this; }

        public AccessLogArgs build() { return args; }
    }
}
