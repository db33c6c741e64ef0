package dev.edp.pattern.topics;

import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.PatternSettings.SubscriptionSettings;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * The two SNS topics: {@code notifications} (what the consumers report: success, error, anomaly, approval
 * requests; message attributes {@code kind}, {@code source}, {@code severity} let subscribers filter) and
 * {@code alarms} (CloudWatch alarm state changes). Both KMS-encrypted, both TLS-only, subscriptions from config.
 */
public final class Topics {

    private final Topic notifications;
    private final Topic alarms;
    private final List<TopicSubscription> subscriptions;

    private Topics(Topic notifications, Topic alarms, List<TopicSubscription> subscriptions) {
        this.notifications = notifications;
        this.alarms = alarms;
        this.subscriptions = subscriptions;
    }

    public static Topics create(PatternContext ctx, Output<String> keyArn) {
        Topic notifications = topic(ctx, "notifications", keyArn, null);
        Topic alarms = topic(ctx, "alarms", keyArn, "cloudwatch.amazonaws.com");
        List<TopicSubscription> subscriptions = new ArrayList<>();
        List<SubscriptionSettings> configured = ctx.settings().subscriptions();
        for (int i = 0; i < configured.size(); i++) {
            SubscriptionSettings s = configured.get(i);
            Topic topic = s.topic().equals("alarms") ? alarms : notifications;
            subscriptions.add(subscribe(ctx, ctx.name(s.topic(), "subscription", String.valueOf(i)), topic.arn(), s));
        }
        return new Topics(notifications, alarms, subscriptions);
    }

    /** One subscription to {@code topicArn}. */
    public static TopicSubscription subscribe(PatternContext ctx, String logicalName, Output<String> topicArn,
                                              SubscriptionSettings s) {
        var args = TopicSubscriptionArgs.builder()
                .topic(topicArn)
                .protocol(s.protocol())
                .endpoint(s.endpoint())
                .rawMessageDelivery(s.rawMessageDelivery());
        s.filterPolicy().ifPresent(args::filterPolicy);
        return new TopicSubscription(logicalName, args.build(), ctx.options());
    }

    /** A topic encrypted with the pattern key, whose policy lets the account use it and denies plain HTTP. */
    static Topic topic(PatternContext ctx, String purpose, Output<String> keyArn, String publishingService) {
        return topic(ctx, purpose, keyArn, publishingService, List.of());
    }

    /**
     * A topic encrypted with the pattern key whose policy lets the account use it, lets {@code publishingService}
     * publish for this account (if any) and EventBridge publish from exactly {@code ruleArns}, and denies plain HTTP.
     */
    public static Topic topic(PatternContext ctx, String purpose, Output<String> keyArn, String publishingService,
                              List<Output<String>> ruleArns) {
        Topic topic = new Topic(ctx.name(purpose), TopicArgs.builder()
                .kmsMasterKeyId(keyArn)
                .tracingConfig("Active")
                .tags(ctx.tags())
                .build(), ctx.options());
        List<Statement> statements = new ArrayList<>();
        statements.add(Statement.allow("sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes",
                        "sns:ListSubscriptionsByTopic")
                .sid("AccountUsesTopic")
                .forAws(ctx.accountRoot())
                .on(topic.arn()));
        if (publishingService != null) {
            statements.add(Statement.allow("sns:Publish")
                    .sid("ServicePublishesForThisAccount")
                    .forService(publishingService)
                    .on(topic.arn())
                    .when("StringEquals", "aws:SourceAccount", ctx.accountId()));
        }
        if (!ruleArns.isEmpty()) {
            statements.add(Statement.allow("sns:Publish")
                    .sid("EventBridgeRulesPublish")
                    .forService("events.amazonaws.com")
                    .on(topic.arn())
                    .when("ArnEquals", "aws:SourceArn", ruleArns.toArray(Output[]::new)));
        }
        statements.add(Statement.deny("sns:Publish", "sns:Subscribe")
                .sid("DenyRequestsWithoutTls")
                .forEveryone()
                .on(topic.arn())
                .when("Bool", "aws:SecureTransport", "false"));
        new TopicPolicy(ctx.name(purpose, "policy"), TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(PolicyDocument.of(statements).toJson())
                .build(), ctx.options());
        return topic;
    }

    public Topic notifications() {
        return notifications;
    }

    public Topic alarms() {
        return alarms;
    }

    public List<TopicSubscription> subscriptions() {
        return subscriptions;
    }
}
