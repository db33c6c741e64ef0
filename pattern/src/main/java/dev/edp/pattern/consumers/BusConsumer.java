package dev.edp.pattern.consumers;

import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.iam.Statement;

import java.util.List;
import java.util.Optional;

/**
 * Kind {@code bus}: rule → another event bus, in this account or another (whose bus policy must admit this
 * account's {@code PutEvents}). EventBridge sends as a role allowed {@code events:PutEvents} on that bus alone.
 */
final class BusConsumer {

    private BusConsumer() {
    }

    static Consumer create(PatternContext ctx, ConsumerSettings c, SharedResources shared) {
        ConsumerRoute route = ConsumerRoute.open(ctx, c, shared);
        Output<String> busArn = c.targetBusArn().orElseThrow();
        ServiceRole role = ServiceRole.create(ctx, c.name() + "-forward", "events.amazonaws.com",
                "Lets the EDP bus forward " + c.name() + " events to another bus",
                List.of(Statement.allow("events:PutEvents").sid("ForwardToBus").on(busArn)));
        EventTarget target = route.target(ctx, shared, busArn, role.arn(), null);
        route.admitRuleToDeadLetterQueue(ctx);
        return new Consumer(c.name(), c, route.rule(), target, route.deadLetterQueue(), route.deadLetterQueue(), Optional.empty(),
                Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }
}
