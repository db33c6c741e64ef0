package dev.edp.runtime.notifications;

import dev.edp.runtime.common.AwsClients;
import dev.edp.runtime.common.Notifier;
import dev.edp.runtime.handler.EventConsumerHandler;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.handler.EventConsumer.Invocation;
import dev.edp.runtime.events.EventEnvelope;
import dev.edp.runtime.idempotency.Idempotency;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.Map;
import java.util.Set;

/**
 * Seed 003's notification processor: each "Notification Sent" event (source {@code notifications}) is published
 * on the notifications topic with the message attributes {@code kind}, {@code source} and {@code severity}, so
 * subscribers filter with an SNS filter policy. One publish per {@code notification_id} ({@link Idempotency}): a
 * redelivered or re-sent notification reaches subscribers once.
 *
 * <p>Handler string: {@code dev.edp.runtime.notifications.NotificationProcessorHandler::handleRequest}. Needs the
 * grants {@code notifications:publish}, {@code table:read} and {@code table:write} (the idempotency record).
 */
public final class NotificationProcessorHandler extends EventConsumerHandler {

    static final String SERVICE = "notification-processor";

    private final Notifier notifier;
    private final Idempotency published;

    /** For Lambda: configuration from the environment, clients built once per execution environment. */
    public NotificationProcessorHandler() {
        this(System.getenv());
    }

    /**
     * With the function's environment variables given instead of read from the process: how the local sandbox
     * ({@code ./edp local}) runs it in-process, with the variables the stack gives this function.
     */
    public NotificationProcessorHandler(Map<String, String> environment) {
        this(HandlerContext.forLambda(SERVICE, environment), new AwsClients(environment));
    }

    private NotificationProcessorHandler(HandlerContext context, AwsClients aws) {
        this(context, aws.dynamoDb(), aws.sns());
    }

    /** With its collaborators, for tests and local runs. */
    public NotificationProcessorHandler(HandlerContext context, DynamoDbClient dynamo, SnsClient sns) {
        super(context, Set.of(NotificationRequest.DETAIL_TYPE));
        this.notifier = context.notifier(sns);
        this.published = context.idempotency(dynamo);
    }

    /** Priming: the example parsed and its notification built (not sent), a record that never exists read. */
    @Override
    protected void warmUp(java.util.List<EventEnvelope> examples) {
        examples.forEach(example -> notifier.prime(NotificationRequest.from(example).notification()));
        published.prime();
        AwsClients nowhere = AwsClients.forPriming();
        rehearse(new NotificationProcessorHandler(primingContext(), nowhere.dynamoDb(), nowhere.sns()));
    }

    @Override
    protected String process(EventEnvelope event, Invocation invocation) {
        NotificationRequest request = NotificationRequest.from(event);
        return published.once(request.notificationId(), invocation.deadline(),
                        () -> notifier.publish(request.notification()))
                .map(messageId -> "published")
                .orElse("already-published");
    }
}
