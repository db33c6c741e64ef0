package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * A schedule (EventBridge Scheduler, seed 002's scheduled processing): at each time, either an event is put on the
 * pattern's bus (with {@link #source()}, {@link #detailType()} and {@link #detail()}), or a consumer's function is
 * invoked directly ({@link #consumer()}). Failed deliveries go to the events DLQ.
 */
public final class ScheduleArgs extends ResourceArgs {

    /** Unique name (lowercase letters, digits, dashes, 1..30). */
    @Import(name = "name", required = true)
    private String name;

    /** {@code rate(5 minutes)}, {@code cron(0 6 * * ? *)} or {@code at(2030-01-01T00:00:00)}. */
    @Import(name = "expression", required = true)
    private String expression;

    /** IANA time zone the expression is read in. Default UTC. */
    @Import(name = "timezone")
    private @Nullable String timezone;

    /** What the schedule is for. */
    @Import(name = "description")
    private @Nullable String description;

    /** Invoke this consumer's function (kinds queue, function) instead of putting an event on the bus. */
    @Import(name = "consumer")
    private @Nullable String consumer;

    /** The event's source on the bus. Default {@code edp.scheduler}. */
    @Import(name = "source")
    private @Nullable String source;

    /** The event's detail-type. Default {@code Scheduled Event}. */
    @Import(name = "detailType")
    private @Nullable String detailType;

    /** The event's detail (or the function's input), a JSON object. Default {@code {}}. */
    @Import(name = "detail")
    private @Nullable String detail;

    /** Schedule runs enabled. Default true. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    private ScheduleArgs() {
    }

    public String name() { return name; }
    public String expression() { return expression; }
    public Optional<String> timezone() { return Optional.ofNullable(timezone); }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Optional<String> consumer() { return Optional.ofNullable(consumer); }
    public Optional<String> source() { return Optional.ofNullable(source); }
    public Optional<String> detailType() { return Optional.ofNullable(detailType); }
    public Optional<String> detail() { return Optional.ofNullable(detail); }
    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final ScheduleArgs args = new ScheduleArgs();

        public Builder name(String v) { args.name = v; return this; }
        public Builder expression(String v) { args.expression = v; return this; }
        public Builder timezone(@Nullable String v) { args.timezone = v; return this; }
        public Builder description(@Nullable String v) { args.description = v; return this; }
        public Builder consumer(@Nullable String v) { args.consumer = v; return this; }
        public Builder source(@Nullable String v) { args.source = v; return this; }
        public Builder detailType(@Nullable String v) { args.detailType = v; return this; }
        public Builder detail(@Nullable String v) { args.detail = v; return this; }
        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }

        public ScheduleArgs build() { return args; }
    }
}
