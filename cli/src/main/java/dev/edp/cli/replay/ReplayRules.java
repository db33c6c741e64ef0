package dev.edp.cli.replay;

import dev.edp.cli.ops.OpsException;
import dev.edp.pattern.consumers.ReplayRoute;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;

/**
 * The temporary rules of a {@code --pattern} replay (see {@link ReplayRoute}): one per consumer, on the bus,
 * named after the consumer's rule, with the combined pattern and the consumer's own target (its queue, DLQ,
 * retries, message group). The consumer's queue policy admits exactly this rule ARN. Deleted when the replay ends;
 * if deleting fails, the commands to finish it are given.
 */
final class ReplayRules {

    static final String TARGET_ID = "replay";

    private final EventBridgeClient events;
    private final String busName;
    private final List<String> created = new ArrayList<>();

    ReplayRules(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    /** Creates the consumer's replay rule with {@code pattern}; returns its ARN. */
    String create(ConsumerRoute route, String pattern, String replayName) {
        String name = ReplayRoute.ruleName(route.ruleName());
        if (exists(name)) {
            throw new OpsException("consumer " + route.consumer() + ": its replay rule " + name + " exists on bus "
                    + busName + ": another './edp replay --pattern' is running for it, or one was stopped before it"
                    + " cleaned up; if none is running: " + deleteCommands(name));
        }
        String arn = events.putRule(b -> b.name(name).eventBusName(busName).eventPattern(pattern).state("ENABLED")
                .description("Temporary: ./edp replay " + replayName + " to " + route.consumer())).ruleArn();
        created.add(name);
        var put = events.putTargets(b -> b.rule(name).eventBusName(busName)
                .targets(route.target().toBuilder().id(TARGET_ID).build()));
        if (put.failedEntryCount() != null && put.failedEntryCount() > 0) {
            throw new OpsException("rule " + name + ": EventBridge refused its target: " + put.failedEntries());
        }
        String admitted = ReplayRoute.ruleArn(route.ruleArn());
        if (!admitted.equals(arn)) {
            throw new OpsException("rule " + name + " has ARN " + arn + " but the queue policy of " + route.consumer()
                    + " admits " + admitted + ": the stack was deployed by an EDP without replay rules; deploy it again");
        }
        return arn;
    }

    /** Deletes every rule this created; returns what could not be deleted, with the commands to do it. */
    List<String> deleteAll() {
        List<String> left = new ArrayList<>();
        for (String name : created) {
            try {
                events.removeTargets(b -> b.rule(name).eventBusName(busName).ids(TARGET_ID));
                events.deleteRule(b -> b.name(name).eventBusName(busName));
            } catch (SdkException e) {
                left.add(name + " (" + e.getMessage() + "): " + deleteCommands(name));
            }
        }
        created.clear();
        return left;
    }

    private boolean exists(String name) {
        try {
            events.describeRule(b -> b.name(name).eventBusName(busName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private String deleteCommands(String name) {
        return "aws events remove-targets --event-bus-name " + busName + " --rule " + name + " --ids " + TARGET_ID
                + " && aws events delete-rule --event-bus-name " + busName + " --name " + name;
    }
}
