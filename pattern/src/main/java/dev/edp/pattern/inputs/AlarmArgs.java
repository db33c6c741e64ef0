package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * Alarm thresholds. Defaults are seed 004's alarm table; every alarm notifies the alarms topic (alarm and OK).
 * Counting alarms evaluate one period of {@link #periodSeconds()}. Set pattern-wide ({@code alarms}) or per
 * consumer ({@code consumers[].alarms}: its thresholds win for its own alarms; {@code enabled}, {@code dashboard}
 * and {@code periodSeconds} are pattern-wide only).
 */
public final class AlarmArgs extends ResourceArgs {


    /** Create the alarms and the dashboard. Default true. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    /** Create the dashboard (with the alarms). Default true. */
    @Import(name = "dashboard")
    private @Nullable Boolean dashboard;

    /** Evaluation period of the counting alarms, a multiple of 60. Default 300 (the table's "in 5 min"). */
    @Import(name = "periodSeconds")
    private @Nullable Integer periodSeconds;

    /** EventBridge FailedInvocations per rule above which to alarm. Default 10. */
    @Import(name = "eventBridgeFailedInvocations")
    private @Nullable Double eventBridgeFailedInvocations;

    /** Lambda Errors per function above which to alarm. Default 10. */
    @Import(name = "lambdaErrors")
    private @Nullable Double lambdaErrors;

    /** Lambda Duration p99 in milliseconds above which to alarm. Default 10000. */
    @Import(name = "lambdaDurationP99Ms")
    private @Nullable Double lambdaDurationP99Ms;

    /** Lambda Throttles per function above which to alarm. Default 0 (any throttle). */
    @Import(name = "lambdaThrottles")
    private @Nullable Double lambdaThrottles;

    /** Visible messages per queue above which to alarm. Default 10000. */
    @Import(name = "queueDepth")
    private @Nullable Double queueDepth;

    /** Age in seconds of a queue's oldest message above which to alarm. Default 900. */
    @Import(name = "queueOldestMessageAgeSeconds")
    private @Nullable Double queueOldestMessageAgeSeconds;

    /** Visible messages per DLQ at or above which to alarm. Default 1. */
    @Import(name = "dlqMessages")
    private @Nullable Double dlqMessages;

    /** Failed workflow executions at or above which to alarm. Default 1. */
    @Import(name = "workflowFailed")
    private @Nullable Double workflowFailed;

    /** Throttled workflow executions above which to alarm. Default 5. */
    @Import(name = "workflowThrottled")
    private @Nullable Double workflowThrottled;

    private AlarmArgs() {
    }

    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
    public Optional<Boolean> dashboard() { return Optional.ofNullable(dashboard); }
    public Optional<Integer> periodSeconds() { return Optional.ofNullable(periodSeconds); }
    public Optional<Double> eventBridgeFailedInvocations() { return Optional.ofNullable(eventBridgeFailedInvocations); }
    public Optional<Double> lambdaErrors() { return Optional.ofNullable(lambdaErrors); }
    public Optional<Double> lambdaDurationP99Ms() { return Optional.ofNullable(lambdaDurationP99Ms); }
    public Optional<Double> lambdaThrottles() { return Optional.ofNullable(lambdaThrottles); }
    public Optional<Double> queueDepth() { return Optional.ofNullable(queueDepth); }
    public Optional<Double> queueOldestMessageAgeSeconds() { return Optional.ofNullable(queueOldestMessageAgeSeconds); }
    public Optional<Double> dlqMessages() { return Optional.ofNullable(dlqMessages); }
    public Optional<Double> workflowFailed() { return Optional.ofNullable(workflowFailed); }
    public Optional<Double> workflowThrottled() { return Optional.ofNullable(workflowThrottled); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final AlarmArgs args = new AlarmArgs();

        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }
        public Builder dashboard(@Nullable Boolean v) { args.dashboard = v; return this; }
        public Builder periodSeconds(@Nullable Integer v) { args.periodSeconds = v; return this; }
        public Builder eventBridgeFailedInvocations(@Nullable Double v) { args.eventBridgeFailedInvocations = v; return this; }
        public Builder lambdaErrors(@Nullable Double v) { args.lambdaErrors = v; return this; }
        public Builder lambdaDurationP99Ms(@Nullable Double v) { args.lambdaDurationP99Ms = v; return this; }
        public Builder lambdaThrottles(@Nullable Double v) { args.lambdaThrottles = v; return this; }
        public Builder queueDepth(@Nullable Double v) { args.queueDepth = v; return this; }
        public Builder queueOldestMessageAgeSeconds(@Nullable Double v) { args.queueOldestMessageAgeSeconds = v; return this; }
        public Builder dlqMessages(@Nullable Double v) { args.dlqMessages = v; return this; }
        public Builder workflowFailed(@Nullable Double v) { args.workflowFailed = v; return this; }
        public Builder workflowThrottled(@Nullable Double v) { args.workflowThrottled = v; return this; }

        public AlarmArgs build() { return args; }
    }
}
