package dev.edp.pattern.alarms;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the alarms and the dashboard watch, named by what each thing is for. */
public final class Monitored {

    /** A rule: {@code busName} empty for the account's default bus (its metrics carry no bus dimension). */
    public record Rule(String label, Output<String> ruleName, Optional<Output<String>> busName) {
    }

    public record Named(String label, Output<String> name) {
    }

    /** A function, with its own p99 duration alarm threshold if it has one. */
    public record Function(String label, Output<String> name, Optional<Double> durationAlarmP99Ms) {
    }

    final List<Rule> rules = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    final List<Named> queues = new ArrayList<>();
    final List<Named> deadLetterQueues = new ArrayList<>();
    Optional<Output<String>> stateMachineArn = Optional.empty();
    Optional<Output<String>> deliveryStreamName = Optional.empty();
    Optional<Output<String>> tableName = Optional.empty();

    public Monitored rule(String label, Output<String> ruleName, Output<String> busName) {
        rules.add(new Rule(label, ruleName, Optional.ofNullable(busName)));
        return this;
    }

    public Monitored function(String label, Output<String> functionName) {
        return function(label, functionName, Optional.empty());
    }

    public Monitored function(String label, Output<String> functionName, Optional<Double> durationAlarmP99Ms) {
        functions.add(new Function(label, functionName, durationAlarmP99Ms));
        return this;
    }

    public Monitored queue(String label, Output<String> queueName) {
        queues.add(new Named(label, queueName));
        return this;
    }

    public Monitored deadLetterQueue(String label, Output<String> queueName) {
        deadLetterQueues.add(new Named(label, queueName));
        return this;
    }

    public Monitored stateMachine(Output<String> arn) {
        stateMachineArn = Optional.of(arn);
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
