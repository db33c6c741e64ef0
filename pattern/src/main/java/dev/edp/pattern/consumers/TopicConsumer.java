package dev.edp.pattern.consumers;

import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.SharedResources;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.SubscriptionSettings;
import dev.edp.pattern.topics.Topics;

import java.util.List;
import java.util.Optional;

/**
 * Kind {@code topic}: rule → SNS fan-out. The pattern's own topic (encrypted with the pattern key, TLS only,
 * EventBridge admitted from this rule alone) with the consumer's subscriptions, or an existing topic by ARN (whose
 * policy must admit EventBridge: the pattern does not replace another owner's topic policy).
 */
final class TopicConsumer {

    private TopicConsumer() {
    }

    static Consumer create(PatternContext ctx, ConsumerSettings c, SharedResources shared) {
        ConsumerRoute route = ConsumerRoute.open(ctx, c, shared);
        Output<String> topicArn;
        if (c.topicArn().isPresent()) {
            topicArn = c.topicArn().get();
        } else {
            var topic = Topics.topic(ctx, c.name() + "-topic", shared.key().arn(), null, List.of(route.rule().arn()));
            topicArn = topic.arn();
            List<SubscriptionSettings> subscriptions = c.subscriptions();
            for (int i = 0; i < subscriptions.size(); i++) {
                Topics.subscription(ctx, ctx.name(c.name(), "subscription", String.valueOf(i)), topicArn,
                        subscriptions.get(i), subscriptions.get(i).endpoint(), List.of());
            }
        }
        EventTarget target = route.target(ctx, shared, topicArn, null, null);
        route.admitRuleToDeadLetterQueue(ctx);
        return new Consumer(c.name(), c, route.rule(), target, route.deadLetterQueue(), route.deadLetterQueue(), Optional.empty(),
                Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Optional.of(topicArn));
    }
}
