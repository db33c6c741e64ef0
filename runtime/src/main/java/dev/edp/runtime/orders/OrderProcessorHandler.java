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

import java.util.Map;
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
        this(System.getenv());
    }

    /**
     * With the function's environment variables given instead of read from the process: how the local sandbox
     * ({@code ./edp local}) runs it in-process, with the variables the stack gives this function.
     */
    public OrderProcessorHandler(Map<String, String> environment) {
        this(HandlerContext.forLambda(SERVICE, environment), new AwsClients(environment));
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

    /** Priming: the examples parsed, an order that never exists read, both notifications built (not sent). */
    @Override
    protected void warmUp(java.util.List<EventEnvelope> examples) {
        for (EventEnvelope example : examples) {
            if (OrderCreated.DETAIL_TYPE.equals(example.detailType())) {
                notifier.prime(OrderNotifications.created(OrderCreated.from(example)));
            } else {
                notifier.prime(OrderNotifications.completed(OrderCompleted.from(example), false));
            }
        }
        orders.find("PRIMING#never-an-order");
        notifications.prime();
        AwsClients nowhere = AwsClients.forPriming();
        rehearse(new OrderProcessorHandler(primingContext(), nowhere.dynamoDb(), nowhere.sns()));
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
