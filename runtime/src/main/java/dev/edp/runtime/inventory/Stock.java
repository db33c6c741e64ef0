package dev.edp.runtime.inventory;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Stock levels in the single table, changed only by transactions whose conditions keep them sound: {@code available}
 * and {@code reserved} never go below zero, and each change is written together with the record that makes it
 * happen once (the event's record, or the order's reservation). Keys: {@link StockKeys}.
 *
 * <p>IAM: {@code TransactWriteItems} is authorised by the actions of its parts ({@code PutItem}, {@code UpdateItem},
 * {@code ConditionCheckItem}: the {@code table:write} grant); reads need {@code table:read}.
 */
public final class Stock {

    /** What an "Inventory Updated" event did. */
    public enum Outcome { APPLIED, ALREADY_APPLIED, REJECTED }

    /** @param reason why it was rejected (for {@link Outcome#REJECTED}) */
    public record Change(Outcome outcome, Optional<String> reason) {
        static Change of(Outcome outcome) {
            return new Change(outcome, Optional.empty());
        }
    }

    /** An item's levels. */
    public record Level(String itemId, long available, long reserved) {
    }

    /** What a workflow's reservation holds, per item, and whether this call made it. */
    public record Reservation(String orderId, Map<String, Integer> quantities, boolean alreadyReserved) {
    }

    /**
     * What a failed workflow's compensation moved back to {@code available}, per item (this call's and an earlier
     * call's), and whether an earlier call had already released all of it.
     */
    public record Release(String orderId, Map<String, Integer> quantities, boolean alreadyReleased) {
    }

    /** 15 days: an event record outlives the longest a message can wait in a dead-letter queue (14 days). */
    static final Duration EVENT_RECORD_KEEP = Duration.ofDays(15);
    /** A transaction takes at most 100 writes; a reservation writes two per item. */
    static final int MAX_ITEMS_PER_RESERVATION = 50;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";
    /**
     * A reservation is new when the order holds none for the item, or only one a failed workflow's compensation
     * released ({@link #releaseForOrder}): that one holds nothing any more and is replaced.
     */
    private static final String NEW_RESERVATION = "attribute_not_exists(pk) OR attribute_exists(compensatedAt)";
    /** Rounds of read, then conditional transaction, before a compensation that keeps racing gives up. */
    private static final int RELEASE_ROUNDS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public Stock(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** Applies an "Inventory Updated" event, once per event id. */
    public Change apply(InventoryUpdate update, String eventId) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(eventRecord(update, eventId, "applied", Optional.empty()));
        writes.add(levelChange(update.itemId(), update.action(), update.quantity()));
        if (update.action() != InventoryUpdate.Action.RESTOCK) {
            // A restock for an order is a plain restock: the order id stays on the event record only.
            update.orderId().ifPresent(order -> writes.add(reservationChange(update, order)));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return Change.of(Outcome.APPLIED);
        } catch (TransactionCanceledException cancelled) {
            List<String> codes = codes(cancelled, writes.size());
            if (CONDITION_FAILED.equals(codes.get(0))) {
                return Change.of(Outcome.ALREADY_APPLIED);
            }
            if (codes.size() > 2 && CONDITION_FAILED.equals(codes.get(2)) && update.action() == InventoryUpdate.Action.RESERVE) {
                // The order holds its reservation already (another event, or the workflow, made it).
                return Change.of(Outcome.ALREADY_APPLIED);
            }
            if (!codes.contains(CONDITION_FAILED)) {
                throw cancelled; // a conflict or throttling: the retry decides
            }
            return reject(update, eventId, rejection(update, codes));
        }
    }

    /** Why an earlier delivery of this event was rejected, if it was. */
    public Optional<String> rejection(String itemId, String eventId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(StockKeys.event(itemId, eventId)).consistentRead(true)).item();
        return item != null && item.containsKey("reason") && "rejected".equals(item.get("outcome").s())
                ? Optional.of(item.get("reason").s()) : Optional.empty();
    }

    /** The item's levels, if it was ever stocked. */
    public Optional<Level> level(String itemId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(StockKeys.stock(itemId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(level(itemId, item));
    }

    /**
     * Reserves an order's items for a workflow, all or none, once per order and item: a repeated call (the workflow
     * retrying the task) finds the reservations made and changes nothing. Each reservation records the workflow, so
     * only that workflow's compensation ({@link #releaseForOrder}) releases it.
     *
     * @param quantities how many of each item (distinct items, at most {@value #MAX_ITEMS_PER_RESERVATION})
     * @throws InsufficientStockException an item has less available than asked; nothing was reserved
     */
    public Reservation reserveForOrder(String orderId, String workflowId, Map<String, Integer> quantities) {
        checkSize(orderId, quantities.keySet());
        // Two rounds: a concurrent reservation of some of the items can cancel the first one.
        for (int round = 0; ; round++) {
            Map<String, Integer> missing = new LinkedHashMap<>(quantities);
            reservations(orderId, quantities.keySet()).forEach((itemId, reservation) -> {
                if (!reservation.containsKey("compensatedAt")) {
                    missing.remove(itemId);
                }
            });
            if (missing.isEmpty()) {
                return new Reservation(orderId, quantities, true);
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            missing.forEach((itemId, quantity) -> {
                writes.add(levelChange(itemId, InventoryUpdate.Action.RESERVE, quantity));
                writes.add(newReservation(itemId, orderId, quantity, Optional.of(workflowId)));
            });
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return new Reservation(orderId, quantities, false);
            } catch (TransactionCanceledException cancelled) {
                List<String> codes = codes(cancelled, writes.size());
                List<String> items = new ArrayList<>(missing.keySet());
                List<String> shortItems = new ArrayList<>();
                boolean raced = false;
                for (int i = 0; i < items.size(); i++) {
                    raced |= CONDITION_FAILED.equals(codes.get(2 * i + 1));
                    if (CONDITION_FAILED.equals(codes.get(2 * i))) {
                        shortItems.add(items.get(i));
                    }
                }
                if (raced && round == 0) {
                    continue;
                }
                if (shortItems.isEmpty()) {
                    throw cancelled;
                }
                throw new InsufficientStockException("order " + orderId + " cannot be reserved: " + shortItems.stream()
                        .map(item -> item + " needs " + missing.get(item) + ", " + availableText(item))
                        .collect(Collectors.joining("; ")));
            }
        }
    }

    /**
     * A failed workflow's compensation: moves what each of the workflow's reservations of these items still holds
     * from {@code reserved} back to {@code available}, in one transaction, and marks each reservation released
     * ({@code quantity} 0, {@code releasedAt}, {@code compensatedAt}, {@code compensatedQuantity}). Reservations the
     * workflow never made (none, another workflow's, an "Inventory Updated" event's) are left alone.
     *
     * <p>Idempotent: a repeated call finds the reservations compensated and changes nothing. Each reservation's
     * update is conditioned on {@code workflowId = :wf AND quantity = :q AND attribute_not_exists(compensatedAt)},
     * {@code :q} being the quantity just read, and moves exactly {@code :q}. The inventory processor's release for
     * the order updates the same item under {@code quantity >= :q}, and DynamoDB serialises the two writes on it:
     * if the event's release commits between the read and this transaction, the quantity differs, the transaction
     * is cancelled whole and the next round reads what is left; if this transaction commits first, the quantity is
     * 0 and the event is rejected ({@code release-rejected}). Either way each unit goes back to {@code available}
     * exactly once. A concurrent compensation of the same workflow (a retried HandleError) is cancelled by
     * {@code attribute_not_exists(compensatedAt)} the same way and finds everything released.
     *
     * @param itemIds the order's items, as the workflow reserved them (at most {@value #MAX_ITEMS_PER_RESERVATION})
     * @throws IllegalStateException an item's {@code reserved} is below what the reservation holds (a release
     *         without the order took it), or the reservations kept changing for {@value #RELEASE_ROUNDS} rounds
     */
    public Release releaseForOrder(String orderId, String workflowId, Collection<String> itemIds) {
        checkSize(orderId, itemIds);
        for (int round = 1; ; round++) {
            Map<String, Integer> before = new LinkedHashMap<>();
            Map<String, Integer> now = new LinkedHashMap<>();
            reservations(orderId, itemIds).forEach((itemId, reservation) -> {
                if (!reservation.containsKey("workflowId") || !workflowId.equals(reservation.get("workflowId").s())) {
                    return;
                }
                if (reservation.containsKey("compensatedAt")) {
                    before.put(itemId, number(reservation, "compensatedQuantity"));
                } else {
                    now.put(itemId, number(reservation, "quantity"));
                }
            });
            Map<String, Integer> released = new LinkedHashMap<>(before);
            released.putAll(now);
            if (now.isEmpty()) {
                return new Release(orderId, released, !before.isEmpty());
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            List<String> stockWrites = new ArrayList<>();
            now.forEach((itemId, quantity) -> {
                writes.add(compensation(itemId, orderId, workflowId, quantity));
                stockWrites.add(null);
                if (quantity > 0) {
                    writes.add(levelChange(itemId, InventoryUpdate.Action.RELEASE, quantity));
                    stockWrites.add(itemId);
                }
            });
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return new Release(orderId, released, false);
            } catch (TransactionCanceledException cancelled) {
                List<String> codes = codes(cancelled, writes.size());
                boolean raced = codes.contains(CONFLICT);
                String shortItem = null;
                for (int i = 0; i < codes.size(); i++) {
                    if (CONDITION_FAILED.equals(codes.get(i)) && stockWrites.get(i) == null) {
                        raced = true;
                    } else if (CONDITION_FAILED.equals(codes.get(i))) {
                        shortItem = stockWrites.get(i);
                    }
                }
                // A reservation changed since the read is a race (its stock write may fail with it: the event moved
                // those units already): read again. A stock write failing alone is not one: a retry cannot help.
                if (raced && round < RELEASE_ROUNDS) {
                    continue;
                }
                if (!raced && shortItem != null) {
                    throw new IllegalStateException("order " + orderId + " holds " + now.get(shortItem) + " of "
                            + shortItem + " for workflow " + workflowId + ", but the item has fewer reserved: "
                            + level(shortItem).map(l -> l.reserved() + " reserved").orElse("never stocked")
                            + " (a release without the order took them)", cancelled);
                }
                throw cancelled;
            }
        }
    }

    private TransactWriteItem compensation(String itemId, String orderId, String workflowId, int quantity) {
        String now = clock.instant().toString();
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(StockKeys.reservation(itemId, orderId))
                .updateExpression("SET quantity = :zero, releasedAt = :now, compensatedAt = :now,"
                        + " compensatedQuantity = :q")
                .conditionExpression("workflowId = :wf AND quantity = :q AND attribute_not_exists(compensatedAt)")
                .expressionAttributeValues(Map.of(":zero", n(0), ":q", n(quantity), ":now", s(now),
                        ":wf", s(workflowId))))
                .build();
    }

    private static void checkSize(String orderId, Collection<String> itemIds) {
        if (itemIds.size() > MAX_ITEMS_PER_RESERVATION) {
            throw new IllegalArgumentException("order " + orderId + " has " + itemIds.size() + " distinct items; a"
                    + " reservation takes at most " + MAX_ITEMS_PER_RESERVATION + " (one DynamoDB transaction)");
        }
    }

    private Change reject(InventoryUpdate update, String eventId, String reason) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(eventRecord(update, eventId, "rejected", Optional.of(reason))
                            .put().item())
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException concurrentDelivery) {
            return Change.of(Outcome.ALREADY_APPLIED);
        }
        return new Change(Outcome.REJECTED, Optional.of(reason));
    }

    private String rejection(InventoryUpdate update, List<String> codes) {
        boolean levels = CONDITION_FAILED.equals(codes.get(1));
        return switch (update.action()) {
            case RESERVE -> "reserving " + update.quantity() + " of " + update.itemId() + " would take the stock below"
                    + " zero: " + availableText(update.itemId());
            case RELEASE -> levels
                    ? "releasing " + update.quantity() + " of " + update.itemId() + " would take reservations below zero: "
                    + level(update.itemId()).map(l -> l.reserved() + " reserved").orElse("the item was never stocked")
                    : "order " + update.orderId().orElse("?") + " holds fewer than " + update.quantity() + " of " + update.itemId();
            case RESTOCK -> "restock refused by the table"; // restock has no condition; kept for completeness
        };
    }

    private String availableText(String itemId) {
        return level(itemId).map(l -> l.available() + " available").orElse("the item was never stocked");
    }

    /** The order's reservation items of these items that exist, by item id (consistent reads). */
    private Map<String, Map<String, AttributeValue>> reservations(String orderId, Collection<String> itemIds) {
        Map<String, Map<String, AttributeValue>> found = new LinkedHashMap<>();
        if (itemIds.isEmpty()) {
            return found; // BatchGetItem refuses an empty key list
        }
        List<Map<String, AttributeValue>> keys = itemIds.stream().map(item -> StockKeys.reservation(item, orderId)).toList();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> next = request;
            var response = dynamo.batchGetItem(b -> b.requestItems(next));
            response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get("itemId").s(), item));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    private TransactWriteItem levelChange(String itemId, InventoryUpdate.Action action, int quantity) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":q", n(quantity));
        values.put(":now", s(clock.instant().toString()));
        String set;
        String condition = null;
        switch (action) {
            case RESTOCK -> {
                values.put(":itemId", s(itemId));
                values.put(":zero", n(0));
                set = "SET itemId = :itemId, available = if_not_exists(available, :zero) + :q,"
                        + " reserved = if_not_exists(reserved, :zero), updatedAt = :now";
            }
            case RESERVE -> {
                set = "SET available = available - :q, reserved = reserved + :q, updatedAt = :now";
                condition = "available >= :q";
            }
            default -> {
                set = "SET available = available + :q, reserved = reserved - :q, updatedAt = :now";
                condition = "reserved >= :q";
            }
        }
        String expression = set;
        String guard = condition;
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(StockKeys.stock(itemId))
                .updateExpression(expression).conditionExpression(guard).expressionAttributeValues(values)).build();
    }

    /** The order's side of a reserve (a new reservation) or a release (less reserved for the order). */
    private TransactWriteItem reservationChange(InventoryUpdate update, String orderId) {
        if (update.action() == InventoryUpdate.Action.RESERVE) {
            return newReservation(update.itemId(), orderId, update.quantity(), Optional.empty());
        }
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(StockKeys.reservation(update.itemId(), orderId))
                .updateExpression("SET quantity = quantity - :q, releasedAt = :now")
                .conditionExpression("quantity >= :q")
                .expressionAttributeValues(Map.of(":q", n(update.quantity()), ":now", s(clock.instant().toString()))))
                .build();
    }

    /** A new reservation ({@link #NEW_RESERVATION}); {@code workflowId} when a workflow makes it. */
    private TransactWriteItem newReservation(String itemId, String orderId, int quantity, Optional<String> workflowId) {
        Map<String, AttributeValue> item = new HashMap<>(StockKeys.reservation(itemId, orderId));
        item.put("itemId", s(itemId));
        item.put("orderId", s(orderId));
        item.put("quantity", n(quantity));
        item.put("reservedAt", s(clock.instant().toString()));
        workflowId.ifPresent(id -> item.put("workflowId", s(id)));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression(NEW_RESERVATION)).build();
    }

    private TransactWriteItem eventRecord(InventoryUpdate update, String eventId, String outcome, Optional<String> reason) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(StockKeys.event(update.itemId(), eventId));
        item.put("outcome", s(outcome));
        item.put("action", s(update.action().word()));
        item.put("quantity", n(update.quantity()));
        item.put("eventTimestamp", s(update.timestamp().toString()));
        item.put("recordedAt", s(now.toString()));
        item.put("expiresAt", n(now.plus(EVENT_RECORD_KEEP).getEpochSecond()));
        update.orderId().ifPresent(order -> item.put("orderId", s(order)));
        reason.ifPresent(r -> item.put("reason", s(r)));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private static List<String> codes(TransactionCanceledException cancelled, int writes) {
        List<String> codes = new ArrayList<>();
        List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        for (int i = 0; i < writes; i++) {
            codes.add(i < reasons.size() && reasons.get(i).code() != null ? reasons.get(i).code() : "None");
        }
        return codes;
    }

    private static Level level(String itemId, Map<String, AttributeValue> item) {
        return new Level(itemId, Long.parseLong(item.getOrDefault("available", n(0)).n()),
                Long.parseLong(item.getOrDefault("reserved", n(0)).n()));
    }

    private static int number(Map<String, AttributeValue> item, String attribute) {
        return item.containsKey(attribute) ? Integer.parseInt(item.get(attribute).n()) : 0;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
