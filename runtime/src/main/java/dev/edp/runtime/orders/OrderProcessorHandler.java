package dev.edp.runtime.orders;

import dev.edp.runtime.common.AwsClients;
import dev.edp.runtime.common.Notifier;
import dev.edp.runtime.handler.EventConsumerHandler;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.handler.EventConsumer.Invocation;
import dev.edp.runtime.events.EventEnvelope;
import dev.edp.runtime.idempotency.Idempotency;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.Set;

/**
 * Seed 003's order processor: "Order Created" and "Order Completed" (source {@code orders}) become the order's item
 * in the table ({@link Orders}), then a notification. Each notification goes out once per order and step
 * ({@link Idempotency}), also when the event is redelivered after the table was written and before the publish.
 *
 * <p>Handler string: {@code dev.edp.runtime.orders.OrderProcessorHandler::handleRequest}. Needs the grants
 * {@code table:read}, {@code table:write}, {@code notifications:publish}.
 */
public final class OrderProcessorHandler extends EventConsumerHandler {

    static final String SERVICE = "order-processor";

    private final Orders orders;
    private final Notifier notifier;
    private final Idempotency notifications;

    /** For Lambda: configuration from the environment, clients built once per execution environment. */
    public OrderProcessorHandler() {
        this(HandlerContext.forLambda(SERVICE), AwsClients.fromEnvironment());
    }

    private OrderProcessorHandler(HandlerContext context, AwsClients aws) {
        this(context, aws.dynamoDb(), aws.sns());
    }

    /** With its collaborators, for tests and local runs. */
    public OrderProcessorHandler(HandlerContext context, DynamoDbClient dynamo, SnsClient sns) {
        super(context, Set.of(OrderCreated.DETAIL_TYPE, OrderCompleted.DETAIL_TYPE));
        this.orders = new Orders(dynamo, context.env().tableName(), context.clock());
        this.notifier = context.notifier(sns);
        this.notifications = context.idempotency(dynamo);
    }

    @Override
    protected String process(EventEnvelope event, Invocation invocation) {
        String eventId = event.id().orElse(invocation.messageId());
        return OrderCreated.DETAIL_TYPE.equals(event.detailType())
                ? created(OrderCreated.from(event), eventId, invocation)
                : completed(OrderCompleted.from(event), eventId, invocation);
    }

    private String created(OrderCreated created, String eventId, Invocation invocation) {
        Orders.Applied applied = orders.create(created, eventId);
        notifications.once("order-created#" + created.orderId(), invocation.deadline(),
                () -> notifier.publish(OrderNotifications.created(created)));
        return applied == Orders.Applied.APPLIED ? "created" : "already-created";
    }

    private String completed(OrderCompleted completed, String eventId, Invocation invocation) {
        Orders.Applied applied = orders.complete(completed, eventId);
        boolean beforeCreated = orders.find(completed.orderId()).flatMap(Order::createdAt).isEmpty();
        notifications.once("order-completed#" + completed.orderId(), invocation.deadline(),
                () -> notifier.publish(OrderNotifications.completed(completed, beforeCreated)));
        if (applied == Orders.Applied.ALREADY_APPLIED) {
            return "already-completed";
        }
        return beforeCreated ? "completed-before-created" : "completed";
    }
}
