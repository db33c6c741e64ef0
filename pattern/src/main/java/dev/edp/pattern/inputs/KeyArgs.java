package dev.edp.pattern.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * The KMS key everything is encrypted with: by default a customer managed key the pattern creates (rotation on, a
 * key policy admitting exactly the services that encrypt for it). Bring your own with {@link #existingKeyArn()}.
 */
public final class KeyArgs extends ResourceArgs {

    /**
     * Use this existing customer managed key (its ARN, e.g. {@code key.arn()} of a key in the same program) instead
     * of creating one. Its key policy is yours: it must admit the services listed in the README (Bring your own).
     */
    @Import(name = "existingKeyArn")
    private @Nullable Output<String> existingKeyArn;

    private KeyArgs() {
    }

    public Optional<Output<String>> existingKeyArn() { return Optional.ofNullable(existingKeyArn); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final KeyArgs args = new KeyArgs();

        public Builder existingKeyArn(@Nullable Output<String> v) { args.existingKeyArn = v; return this; }
        public Builder existingKeyArn(String v) { return existingKeyArn(Output.of(v)); }

        public KeyArgs build() { return args; }
    }
}
