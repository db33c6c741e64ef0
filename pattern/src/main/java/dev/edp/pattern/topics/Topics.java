package dev.edp.pattern.topics;

import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.resources.Resource;
import dev.edp.pattern.consumers.Consumer;
import java.util.Map;
import java.util.Optional;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.config.PatternSettings.SubscriptionSettings;
import dev.edp.pattern.inputs.PatternTopic;
import dev.edp.pattern.inputs.SubscriptionProtocol;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * The two SNS topics: {@code notifications} (what the consumers report: success, error, anomaly, approval
 * requests; message attributes {@code kind}, {@code source}, {@code severity} let subscribers filter) and
 * {@code alarms} (CloudWatch alarm state changes). Both KMS-encrypted, both TLS-only, both traced (with the X-Ray
 * resource policy SNS needs, {@link XRayTracing}), subscriptions from config.
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
        return new Topics(notifications, alarms, new ArrayList<>());
    }

    /**
     * The X-Ray resource policy letting SNS write the traces of every actively traced topic of the pattern (its
     * own two and its topic consumers' {@code extra}); call once those exist.
     */
    public void allowTracing(PatternContext ctx, List<Output<String>> extra) {
        List<Output<String>> arns = new ArrayList<>(List.of(notifications.arn(), alarms.arn()));
        arns.addAll(extra);
        XRayTracing.allowTopics(ctx, arns);
    }

    /**
     * The configured subscriptions; call once the consumers exist ({@code consumer:<name>} endpoints name them).
     * A {@code lambda} endpoint gets the permission SNS needs to invoke it, scoped to the topic by SourceArn (SNS
     * Developer Guide, "Fanout to Lambda functions" / Lambda Developer Guide, "Invoking Lambda functions with
     * Amazon SNS notifications": https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html). An {@code sqs}
     * endpoint that is a consumer's queue is admitted by that queue's policy ({@link #topicsDeliveringTo}); the
     * pattern key's policy already lets sns.amazonaws.com use the key for this account, which SNS needs to write to
     * an SSE-KMS queue (SNS Developer Guide, "Subscribing an Amazon SQS queue to an Amazon SNS topic" and
     * "Encryption at rest", https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
     */
    public void subscribe(PatternContext ctx, Map<String, Consumer> consumers) {
        List<SubscriptionSettings> configured = ctx.settings().subscriptions();
        for (int i = 0; i < configured.size(); i++) {
            SubscriptionSettings s = configured.get(i);
            Topic topic = s.topic().equals(PatternTopic.ALARMS.id()) ? alarms : notifications;
            Optional<Consumer> consumer = s.consumerEndpoint().map(consumers::get);
            Output<String> endpoint = consumer.map(c -> s.protocol() == SubscriptionProtocol.SQS ? c.queue().orElseThrow().arn()
                    : c.function().orElseThrow().invocationArn()).orElse(s.endpoint());
            List<Resource> after = new ArrayList<>();
            // A consumer queue's policy must admit the topic before SNS confirms the subscription.
            consumer.filter(c -> s.protocol() == SubscriptionProtocol.SQS).flatMap(Consumer::queuePolicy).ifPresent(after::add);
            subscriptions.add(subscription(ctx, ctx.name(s.topic(), "subscription", String.valueOf(i)), topic.arn(),
                    s, endpoint, after));
        }
    }

    /** One subscription to {@code topicArn}; a lambda endpoint gets SNS's invoke permission, scoped to the topic. */
    public static TopicSubscription subscription(PatternContext ctx, String logical, Output<String> topicArn,
                                                 SubscriptionSettings s, Output<String> endpoint, List<Resource> after) {
        List<Resource> dependsOn = new ArrayList<>(after);
        if (s.protocol() == SubscriptionProtocol.LAMBDA) {
            dependsOn.add(new Permission(logical + "-permission", PermissionArgs.builder()
                    .action("lambda:InvokeFunction")
                    .function(endpoint)
                    .principal("sns.amazonaws.com")
                    .sourceArn(topicArn)
                    .build(), ctx.options()));
        }
        var args = TopicSubscriptionArgs.builder()
                .topic(topicArn)
                .protocol(s.protocol().id())
                .endpoint(endpoint)
                .rawMessageDelivery(s.rawMessageDelivery());
        s.filterPolicy().ifPresent(args::filterPolicy);
        return new TopicSubscription(logical, args.build(), ctx.options(dependsOn.toArray(Resource[]::new)));
    }

    /**
     * The topics (by ARN output) that the configuration subscribes to this consumer's queue, for its queue policy.
     */
    public List<Output<String>> topicsDeliveringTo(PatternContext ctx, String consumerName) {
        List<Output<String>> arns = new ArrayList<>();
        for (SubscriptionSettings s : ctx.settings().subscriptions()) {
            if (s.protocol() == SubscriptionProtocol.SQS && s.consumerEndpoint().filter(consumerName::equals).isPresent()) {
                arns.add((s.topic().equals(PatternTopic.ALARMS.id()) ? alarms : notifications).arn());
            }
        }
        return arns;
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
