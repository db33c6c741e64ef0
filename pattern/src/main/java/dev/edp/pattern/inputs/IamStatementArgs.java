package dev.edp.pattern.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An extra Allow statement for a function's (or state machine's) role, for resources that are not the pattern's.
 * Validated: every action named ({@code service:Action}, no {@code *}, no {@code service:*}), at least one resource,
 * no resource {@code *}.
 */
public final class IamStatementArgs extends ResourceArgs {

    /** Statement id (letters and digits), shown in the policy. */
    @Import(name = "sid")
    private @Nullable String sid;

    /** The actions, e.g. {@code s3:GetObject}. */
    @Import(name = "actions", required = true)
    private List<String> actions;

    /** The resources' ARNs (e.g. another resource's {@code arn()}). */
    @Import(name = "resources", required = true)
    private List<Output<String>> resources;

    private IamStatementArgs() {
    }

    public Optional<String> sid() { return Optional.ofNullable(sid); }
    public List<String> actions() { return actions == null ? List.of() : actions; }
    public List<Output<String>> resources() { return resources == null ? List.of() : resources; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final IamStatementArgs args = new IamStatementArgs();

        public Builder sid(@Nullable String v) { args.sid = v; return this; }
        public Builder actions(List<String> v) { args.actions = List.copyOf(v); return this; }
        public Builder actions(String... v) { return actions(List.of(v)); }
        public Builder resources(List<Output<String>> v) { args.resources = List.copyOf(v); return this; }
        @SafeVarargs
        public final Builder resources(Output<String>... v) { return resources(List.of(v)); }
        public Builder resources(String... v) {
            List<Output<String>> list = new ArrayList<>();
            for (String arn : v) {
                list.add(Output.of(arn));
            }
            return resources(list);
        }

        public IamStatementArgs build() { return args; }
    }
}
