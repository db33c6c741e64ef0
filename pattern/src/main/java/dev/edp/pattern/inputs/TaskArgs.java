package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;

import javax.annotation.Nullable;
import java.util.Optional;

/** A workflow's task function: a Lambda function the state machine invokes as {@code ${task:<name>}}. */
public final class TaskArgs extends FunctionAccessArgs {

    /** Unique among consumers and tasks, lowercase letters, digits and dashes, 1..30; names its resources. */
    @Import(name = "name", required = true)
    private String name;

    /** What the task does, shown on its function. */
    @Import(name = "description")
    private @Nullable String description;

    private TaskArgs() {
    }

    public String name() { return name; }
    public Optional<String> description() { return Optional.ofNullable(description); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends FunctionAccessArgs.Builder<TaskArgs, Builder> {
        public Builder() {
            super(new TaskArgs());
        }

        public Builder name(String v) { args.name = v; return this; }
        public Builder description(@Nullable String v) { args.description = v; return this; }
    }
}
