package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * What a function the pattern creates for you is given, the same for a consumer ({@link ConsumerArgs}) and a
 * workflow task ({@link TaskArgs}): its settings, what it may touch among the pattern's resources and yours, and
 * its environment variables.
 */
public abstract class FunctionAccessArgs extends ResourceArgs {

    /**
     * The function: code, runtime, handler and sizing, over the layers below it (a task's: the workflow's
     * {@code taskDefaults}; then {@code functionDefaults}, then the environment's preset). A consumer has one for
     * the kinds {@code queue} and {@code function}.
     */
    @Import(name = "function")
    private @Nullable FunctionArgs function;

    /**
     * Shorthand for access to the pattern's own resources: {@code table:read}, {@code table:write},
     * {@code notifications:publish}, {@code bus:putEvents}, {@code bucket:<name>:read},
     * {@code bucket:<name>:write[:<prefix>]} (a file source's or data bucket's), {@code workflow:<consumer>:callback}
     * (send task results to a workflow consumer's state machine). Each adds exactly the IAM actions on exactly that
     * resource, and the key use they need.
     */
    @OneOf(value = PatternGrant.class, open = true)
    @Import(name = "grants")
    private @Nullable List<String> grants;

    /** Extra IAM statements for the function's role (your own resources): named actions, named resources, never {@code *}. */
    @Import(name = "statements")
    private @Nullable List<IamStatementArgs> statements;

    /**
     * Environment variables of the function, beside the EDP_* ones the pattern always sets. Values may name the
     * pattern's resources: {@code ${bucket:<name>}}, {@code ${bucket:<name>:arn}}, {@code ${workflow:<consumer>}},
     * {@code ${edp:tableName}}, {@code ${edp:busName}}, {@code ${edp:notificationsTopicArn}}.
     */
    @Import(name = "environment")
    private @Nullable Map<String, String> environment;

    FunctionAccessArgs() {
    }

    public FunctionArgs function() { return function == null ? FunctionArgs.builder().build() : function; }
    public List<String> grants() { return grants == null ? List.of() : grants; }
    public List<IamStatementArgs> statements() { return statements == null ? List.of() : statements; }
    public Map<String, String> environment() { return environment == null ? Map.of() : environment; }

    /** The builder methods of these fields, which {@code ConsumerArgs.Builder} and {@code TaskArgs.Builder} share. */
    public abstract static class Builder<A extends FunctionAccessArgs, B extends Builder<A, B>> {
        protected final A args;

        Builder(A args) {
            this.args = args;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        public B function(@Nullable FunctionArgs v) { ((FunctionAccessArgs) args).function = v; return self(); }
        public B grants(@Nullable List<String> v) { ((FunctionAccessArgs) args).grants = v == null ? null : List.copyOf(v); return self(); }
        public B grants(String... v) { return grants(List.of(v)); }
        public B grants(PatternGrant... v) { return grants(ClosedSet.ids(v)); }
        public B statements(@Nullable List<IamStatementArgs> v) { ((FunctionAccessArgs) args).statements = v == null ? null : List.copyOf(v); return self(); }
        public B statements(IamStatementArgs... v) { return statements(List.of(v)); }
        public B environment(@Nullable Map<String, String> v) { ((FunctionAccessArgs) args).environment = v == null ? null : Map.copyOf(v); return self(); }

        public A build() { return args; }
    }
}
