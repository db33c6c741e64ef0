package dev.edp.runtime.inventory;

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
 * Seed 003's inventory processor: "Inventory Updated" (source {@code inventory}; restock, reserve, release) changes
 * the item's stock atomically ({@link Stock}). A change the stock cannot take (a reservation above what is
 * available, a release of more than is reserved) is rejected, recorded, and announced on the notifications topic:
 * handled, not retried, not dropped. A redelivered event changes nothing, and its rejection is announced once.
 *
 * <p>Handler string: {@code dev.edp.runtime.inventory.InventoryProcessorHandler::handleRequest}. Needs the grants
 * {@code table:read}, {@code table:write}, {@code notifications:publish}.
 */
public final class InventoryProcessorHandler extends EventConsumerHandler {

    static final String SERVICE = "inventory-processor";

    private final Stock stock;
    private final Notifier notifier;
    private final Idempotency notifications;

    /** For Lambda: configuration from the environment, clients built once per execution environment. */
    public InventoryProcessorHandler() {
        this(System.getenv());
    }

    /**
     * With the function's environment variables given instead of read from the process: how the local sandbox
     * ({@code ./edp local}) runs it in-process, with the variables the stack gives this function.
     */
    public InventoryProcessorHandler(Map<String, String> environment) {
        this(HandlerContext.forLambda(SERVICE, environment), new AwsClients(environment));
    }

    private InventoryProcessorHandler(HandlerContext context, AwsClients aws) {
        this(context, aws.dynamoDb(), aws.sns());
    }

    /** With its collaborators, for tests and local runs. */
    public InventoryProcessorHandler(HandlerContext context, DynamoDbClient dynamo, SnsClient sns) {
        super(context, Set.of(InventoryUpdate.DETAIL_TYPE));
        this.stock = new Stock(dynamo, context.env().tableName(), context.clock());
        this.notifier = context.notifier(sns);
        this.notifications = context.idempotency(dynamo);
    }

    /** Priming: the example parsed, an item that never exists read, a rejection built (not sent). */
    @Override
    protected void warmUp(java.util.List<EventEnvelope> examples) {
        for (EventEnvelope example : examples) {
            InventoryUpdate update = InventoryUpdate.from(example);
            notifier.prime(InventoryNotifications.rejected(update, "priming", "priming"));
        }
        stock.level("PRIMING#never-an-item");
        notifications.prime();
        AwsClients nowhere = AwsClients.forPriming();
        rehearse(new InventoryProcessorHandler(primingContext(), nowhere.dynamoDb(), nowhere.sns()));
    }

    @Override
    protected String process(EventEnvelope event, Invocation invocation) {
        InventoryUpdate update = InventoryUpdate.from(event);
        String eventId = event.id().orElse(invocation.messageId());
        Stock.Change change = stock.apply(update, eventId);
        return switch (change.outcome()) {
            case APPLIED -> update.action().word() + "-applied";
            case REJECTED -> {
                announceRejection(update, eventId, change.reason().orElseThrow(), invocation);
                yield update.action().word() + "-rejected";
            }
            case ALREADY_APPLIED -> {
                // The earlier delivery may have stopped between recording the rejection and announcing it.
                stock.rejection(update.itemId(), eventId).ifPresent(reason -> announceRejection(update, eventId, reason, invocation));
                yield "already-applied";
            }
        };
    }

    private void announceRejection(InventoryUpdate update, String eventId, String reason, Invocation invocation) {
        notifications.once("rejected#" + eventId, invocation.deadline(),
                () -> notifier.publish(InventoryNotifications.rejected(update, eventId, reason)));
    }
}
