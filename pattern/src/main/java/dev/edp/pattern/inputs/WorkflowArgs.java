package dev.edp.pattern.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state machine of a {@code workflow} consumer: either yours to define ({@link #definition()}, with the task
 * functions the pattern creates for it) or an existing one ({@link #existingStateMachineArn()}).
 *
 * <p>A definition is Amazon States Language whose values may hold placeholders the pattern fills in (like SAM's
 * {@code DefinitionSubstitutions}): {@code ${task:<name>}} (a task function's ARN), {@code ${edp:busName}},
 * {@code ${edp:busArn}}, {@code ${edp:tableName}}, {@code ${edp:notificationsTopicArn}}, {@code ${aws:partition}},
 * {@code ${aws:region}}, {@code ${aws:accountId}}, and your own {@link #substitutions()}. An unknown placeholder is
 * a configuration error.
 */
public final class WorkflowArgs extends ResourceArgs {

    /** The definition (ASL JSON text, with placeholders). Either this, {@link #definitionFile()} or {@link #existingStateMachineArn()}. */
    @Import(name = "definition")
    private @Nullable String definition;

    /** Path of a file holding the definition. */
    @Import(name = "definitionFile")
    private @Nullable String definitionFile;

    /** Your own placeholders: {@code ${name}} in the definition → this value (e.g. another resource's ARN). */
    @Import(name = "substitutions")
    private @Nullable Map<String, Output<String>> substitutions;

    /** Start this existing state machine instead (its ARN); the pattern then creates only the rule, its role and DLQ. */
    @Import(name = "existingStateMachineArn")
    private @Nullable Output<String> existingStateMachineArn;

    /** {@code STANDARD} (default: callbacks, long waits) or {@code EXPRESS}. */
    @OneOf(WorkflowType.class)
    @Import(name = "type")
    private @Nullable String type;

    /** The task functions the definition calls, each named for {@code ${task:<name>}}. */
    @Import(name = "tasks")
    private @Nullable List<TaskArgs> tasks;

    /** What the state machine may touch beyond its tasks: {@code notifications:publish}, {@code bus:putEvents}, ... (as consumers' grants). */
    @OneOf(value = PatternGrant.class, open = true)
    @Import(name = "grants")
    private @Nullable List<String> grants;

    /** Extra IAM statements for the state machine's role (validated like consumers'). */
    @Import(name = "statements")
    private @Nullable List<IamStatementArgs> statements;

    /** Execution log level: ALL, ERROR, FATAL (OFF is not allowed). Preset: dev ALL, staging ALL, prod ERROR (seed 004). */
    @OneOf(WorkflowLogLevel.class)
    @Import(name = "logLevel")
    private @Nullable String logLevel;

    /** Log execution input and output. Preset: dev true, staging false, prod false (payloads may hold personal data). */
    @Import(name = "includeExecutionData")
    private @Nullable Boolean includeExecutionData;

    /** Settings every task function starts from, over {@code functionDefaults}. */
    @Import(name = "taskDefaults")
    private @Nullable FunctionArgs taskDefaults;

    private WorkflowArgs() {
    }

    public Optional<String> definition() { return Optional.ofNullable(definition); }
    public Optional<String> definitionFile() { return Optional.ofNullable(definitionFile); }
    public Map<String, Output<String>> substitutions() { return substitutions == null ? Map.of() : substitutions; }
    public Optional<Output<String>> existingStateMachineArn() { return Optional.ofNullable(existingStateMachineArn); }
    public Optional<String> type() { return Optional.ofNullable(type); }
    public List<TaskArgs> tasks() { return tasks == null ? List.of() : tasks; }
    public List<String> grants() { return grants == null ? List.of() : grants; }
    public List<IamStatementArgs> statements() { return statements == null ? List.of() : statements; }
    public Optional<String> logLevel() { return Optional.ofNullable(logLevel); }
    public Optional<Boolean> includeExecutionData() { return Optional.ofNullable(includeExecutionData); }
    public FunctionArgs taskDefaults() { return taskDefaults == null ? FunctionArgs.builder().build() : taskDefaults; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final WorkflowArgs args = new WorkflowArgs();

        public Builder definition(@Nullable String v) { args.definition = v; return this; }
        public Builder definitionFile(@Nullable String v) { args.definitionFile = v; return this; }
        public Builder substitutions(@Nullable Map<String, Output<String>> v) { args.substitutions = v == null ? null : Map.copyOf(v); return this; }
        public Builder existingStateMachineArn(@Nullable Output<String> v) { args.existingStateMachineArn = v; return this; }
        public Builder existingStateMachineArn(String v) { return existingStateMachineArn(Output.of(v)); }
        public Builder type(@Nullable String v) { args.type = v; return this; }
        public Builder type(@Nullable WorkflowType v) { return type(ClosedSet.idOf(v)); }
        public Builder tasks(@Nullable List<TaskArgs> v) { args.tasks = v == null ? null : List.copyOf(v); return this; }
        public Builder tasks(TaskArgs... v) { return tasks(List.of(v)); }
        public Builder grants(@Nullable List<String> v) { args.grants = v == null ? null : List.copyOf(v); return this; }
        public Builder grants(String... v) { return grants(List.of(v)); }
        public Builder grants(PatternGrant... v) { return grants(ClosedSet.ids(v)); }
        public Builder statements(@Nullable List<IamStatementArgs> v) { args.statements = v == null ? null : List.copyOf(v); return this; }
        public Builder logLevel(@Nullable String v) { args.logLevel = v; return this; }
        public Builder logLevel(@Nullable WorkflowLogLevel v) { return logLevel(ClosedSet.idOf(v)); }
        public Builder includeExecutionData(@Nullable Boolean v) { args.includeExecutionData = v; return this; }
        public Builder taskDefaults(@Nullable FunctionArgs v) { args.taskDefaults = v; return this; }

        public WorkflowArgs build() { return args; }
    }
}
