package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A workflow's task function: a Lambda function the state machine invokes as {@code ${task:<name>}}. */
public final class TaskArgs extends ResourceArgs {

    /** Unique among consumers and tasks, lowercase letters, digits and dashes, 1..30; names its resources. */
    @Import(name = "name", required = true)
    private String name;

    /** What the task does, shown on its function. */
    @Import(name = "description")
    private @Nullable String description;

    /** The function: code, runtime, handler and sizing, over the workflow's {@code taskDefaults}. */
    @Import(name = "function")
    private @Nullable FunctionArgs function;

    /** Access to the pattern's resources, as a consumer's grants. */
    @OneOf(value = PatternGrant.class, open = true)
    @Import(name = "grants")
    private @Nullable List<String> grants;

    /** Extra IAM statements (validated like a consumer's). */
    @Import(name = "statements")
    private @Nullable List<IamStatementArgs> statements;

    /** Environment variables beside the EDP_* ones (placeholders as a consumer's). */
    @Import(name = "environment")
    private @Nullable Map<String, String> environment;

    private TaskArgs() {
    }

    public String name() { return name; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public FunctionArgs function() { return function == null ? FunctionArgs.builder().build() : function; }
    public List<String> grants() { return grants == null ? List.of() : grants; }
    public List<IamStatementArgs> statements() { return statements == null ? List.of() : statements; }
    public Map<String, String> environment() { return environment == null ? Map.of() : environment; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final TaskArgs args = new TaskArgs();

        public Builder name(String v) { args.name = v; return this; }
        public Builder description(@Nullable String v) { args.description = v; return this; }
        public Builder function(@Nullable FunctionArgs v) { args.function = v; return this; }
        public Builder grants(@Nullable List<String> v) { args.grants = v == null ? null : List.copyOf(v); return this; }
        public Builder grants(String... v) { return grants(List.of(v)); }
        public Builder grants(PatternGrant... v) { return grants(ClosedSet.ids(v)); }
        public Builder statements(@Nullable List<IamStatementArgs> v) { args.statements = v == null ? null : List.copyOf(v); return this; }
        public Builder environment(@Nullable Map<String, String> v) { args.environment = v == null ? null : Map.copyOf(v); return this; }

        public TaskArgs build() { return args; }
    }
}
