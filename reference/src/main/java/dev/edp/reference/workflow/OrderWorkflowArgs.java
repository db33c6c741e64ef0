package dev.edp.reference.workflow;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.edp.pattern.inputs.FunctionArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * The order workflow (seed 004): validate → approval wait, parallel or sequential processing → publish
 * "Workflow Completed"; every task caught into error handling. Started by "Workflow Triggered" events.
 */
public final class OrderWorkflowArgs extends ResourceArgs {

    /** Create the workflow, its task functions and the approval consumer. Default true. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    /** Seconds to wait for an "Approval Decided" event before the timeout path, 60..31536000. Default 3600. */
    @Import(name = "approvalTimeoutSeconds")
    private @Nullable Integer approvalTimeoutSeconds;

    /** Execution log level: ALL, ERROR, FATAL. Preset: dev and staging ALL, prod ERROR (seed 004). */
    @Import(name = "logLevel")
    private @Nullable String logLevel;

    /** Log execution input and output. Preset: dev true, else false (payloads may hold personal data). */
    @Import(name = "includeExecutionData")
    private @Nullable Boolean includeExecutionData;

    /** Overrides of the function settings for the workflow's task functions. */
    @Import(name = "function")
    private @Nullable FunctionArgs function;

    private OrderWorkflowArgs() {
    }

    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
    public Optional<Integer> approvalTimeoutSeconds() { return Optional.ofNullable(approvalTimeoutSeconds); }
    public Optional<String> logLevel() { return Optional.ofNullable(logLevel); }
    public Optional<Boolean> includeExecutionData() { return Optional.ofNullable(includeExecutionData); }
    public FunctionArgs function() { return function == null ? FunctionArgs.builder().build() : function; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final OrderWorkflowArgs args = new OrderWorkflowArgs();

        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }
        public Builder approvalTimeoutSeconds(@Nullable Integer v) { args.approvalTimeoutSeconds = v; return this; }
        public Builder logLevel(@Nullable String v) { args.logLevel = v; return this; }
        public Builder includeExecutionData(@Nullable Boolean v) { args.includeExecutionData = v; return this; }
        public Builder function(@Nullable FunctionArgs v) { args.function = v; return this; }

        public OrderWorkflowArgs build() { return args; }
    }
}
