package dev.edp.pattern.alarms;

import dev.edp.pattern.config.PatternSettings.AlarmSettings;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the alarms and the dashboard watch, named by what each thing is for. */
public final class Monitored {

    /** A rule: {@code busName} empty for the account's default bus (its metrics carry no bus dimension). */
    public record Rule(String label, Output<String> ruleName, Optional<Output<String>> busName,
                       AlarmSettings thresholds) {
    }

    /** A watched thing and the thresholds of its alarms (its consumer's, else the pattern's). */
    public record Named(String label, Output<String> name, AlarmSettings thresholds) {
    }

    private final AlarmSettings defaults;
    final List<Rule> rules = new ArrayList<>();
    final List<Named> functions = new ArrayList<>();
    final List<Named> queues = new ArrayList<>();
    final List<Named> deadLetterQueues = new ArrayList<>();
    final List<Named> stateMachines = new ArrayList<>();
    Optional<Output<String>> deliveryStreamName = Optional.empty();
    Optional<Output<String>> tableName = Optional.empty();

    /** {@code defaults}: the pattern-wide thresholds, for what belongs to no consumer. */
    public Monitored(AlarmSettings defaults) {
        this.defaults = defaults;
    }

    public Monitored rule(String label, Output<String> ruleName, Output<String> busName) {
        return rule(label, ruleName, busName, defaults);
    }

    public Monitored rule(String label, Output<String> ruleName, Output<String> busName, AlarmSettings thresholds) {
        rules.add(new Rule(label, ruleName, Optional.ofNullable(busName), thresholds));
        return this;
    }

    public Monitored function(String label, Output<String> functionName, AlarmSettings thresholds) {
        functions.add(new Named(label, functionName, thresholds));
        return this;
    }

    public Monitored queue(String label, Output<String> queueName, AlarmSettings thresholds) {
        queues.add(new Named(label, queueName, thresholds));
        return this;
    }

    public Monitored deadLetterQueue(String label, Output<String> queueName) {
        return deadLetterQueue(label, queueName, defaults);
    }

    public Monitored deadLetterQueue(String label, Output<String> queueName, AlarmSettings thresholds) {
        deadLetterQueues.add(new Named(label, queueName, thresholds));
        return this;
    }

    public Monitored stateMachine(String label, Output<String> arn, AlarmSettings thresholds) {
        stateMachines.add(new Named(label, arn, thresholds));
        return this;
    }

    public Monitored deliveryStream(Output<String> name) {
        deliveryStreamName = Optional.of(name);
        return this;
    }

    public Monitored table(Output<String> name) {
        tableName = Optional.of(name);
        return this;
    }
}
