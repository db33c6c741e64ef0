package dev.edp.cli.domain;

import dev.edp.cli.moto.MotoClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.moto.MotoResources.Notified;
import dev.edp.reference.SeedConsumers;
import dev.edp.runtime.inventory.InventoryProcessorHandler;
import dev.edp.runtime.inventory.Stock;
import dev.edp.runtime.notifications.NotificationProcessorHandler;
import dev.edp.runtime.orders.OrderProcessorHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003's consumers on moto with the seed examples as fixtures (ORD-001, ITEM-001, NOTE-001 and variants):
 * PutEvents → the consumer's real rule → its queue → the real handler (polled as Lambda's event source mapping
 * polls) → the table and the topic. Duplicates are the same message body sent again (what an SQS redelivery or an
 * EventBridge retry produces: the same event id).
 */
class DomainConsumersOnMotoIT {

    private static final String ORDERS = SeedConsumers.ORDER_PROCESSOR;
    private static final String INVENTORY = SeedConsumers.INVENTORY_PROCESSOR;
    private static final String NOTIFICATIONS = SeedConsumers.NOTIFICATION_PROCESSOR;

    private static DomainOnMoto domain;
    private static MotoClients aws;

    @BeforeAll
    static void deploy() throws Exception {
        domain = DomainOnMoto.deploy("domain");
        aws = domain.aws;
    }

    @AfterAll
    static void stop() {
        if (domain != null) {
            domain.close();
        }
    }

    @BeforeEach
    void freshData() {
        domain.clear();
    }

    private OrderProcessorHandler orderProcessor() {
        return new OrderProcessorHandler(domain.consumer(ORDERS), aws.dynamo, aws.sns);
    }

    private InventoryProcessorHandler inventoryProcessor() {
        return new InventoryProcessorHandler(domain.consumer(INVENTORY), aws.dynamo, aws.sns);
    }

    private NotificationProcessorHandler notificationProcessor() {
        return new NotificationProcessorHandler(domain.consumer(NOTIFICATIONS), aws.dynamo, aws.sns);
    }

    private Map<String, AttributeValue> order(String id) {
        return domain.item("ORDER#" + id, "ORDER");
    }

    private Map<String, AttributeValue> stock(String item) {
        return domain.item("ITEM#" + item, "STOCK");
    }

    @Test
    void orderCreatedBecomesTheOrderAndANotification() throws Exception {
        domain.put("order-created");
        domain.drain(ORDERS, orderProcessor());

        Map<String, AttributeValue> order = order("ORD-001");
        assertThat(order.get("status").s()).isEqualTo("CREATED");
        assertThat(order.get("customerId").s()).isEqualTo("CUST-001");
        assertThat(order.get("total").n()).isEqualTo("59.98");
        assertThat(order.get("lines").l()).hasSize(1);
        assertThat(order.get("lines").l().get(0).m().get("price").n()).isEqualTo("29.99");

        List<Notified> notified = domain.notifications();
        assertThat(notified).hasSize(1);
        assertThat(notified.get(0).kind()).isEqualTo("order-created");
        assertThat(notified.get(0).source()).isEqualTo("orders");
        assertThat(notified.get(0).severity()).isEqualTo("info");
        assertThat(notified.get(0).body().path("total").asText()).isEqualTo("59.98");
        assertThat(domain.resources.depth(domain.deadLetters.get(ORDERS))).isZero();
    }

    @Test
    void aDuplicateOrderCreatedChangesNothingAndNotifiesOnce() throws Exception {
        domain.put("order-created");
        List<Message> delivered = domain.take(ORDERS);
        assertThat(delivered).hasSize(1);
        domain.send(ORDERS, delivered.get(0).body());
        domain.drain(ORDERS, orderProcessor());
        Map<String, AttributeValue> first = order("ORD-001");

        domain.send(ORDERS, delivered.get(0).body());
        domain.drain(ORDERS, orderProcessor());

        assertThat(order("ORD-001")).isEqualTo(first);
        assertThat(domain.notifications()).hasSize(1);
        assertThat(domain.logLines()).anySatisfy(line -> assertThat(line.path("outcome").asText()).isEqualTo("already-created"));
    }

    @Test
    void orderCompletedBeforeOrderCreatedIsKeptAndTheOrderEndsCompleted() throws Exception {
        domain.put("order-completed");
        domain.drain(ORDERS, orderProcessor());
        assertThat(order("ORD-001").get("status").s()).isEqualTo("COMPLETED");
        assertThat(order("ORD-001")).doesNotContainKey("customerId");

        domain.put("order-created");
        domain.drain(ORDERS, orderProcessor());

        Map<String, AttributeValue> order = order("ORD-001");
        assertThat(order.get("status").s()).as("a late Created never turns the order back").isEqualTo("COMPLETED");
        assertThat(order.get("customerId").s()).isEqualTo("CUST-001");
        assertThat(order.get("completedAt").s()).isEqualTo("2024-01-15T12:00:00Z");
        assertThat(order.get("createdAt").s()).isEqualTo("2024-01-15T10:00:00Z");
        List<Notified> notified = domain.notifications();
        assertThat(notified).extracting(Notified::kind).containsExactly("order-completed", "order-created");
        assertThat(notified.get(0).body().path("receivedBeforeCreated").asBoolean()).isTrue();
    }

    @Test
    void aVersionTwoOrderWithExtraFieldsIsHandledByTheVersionOneHandler() throws Exception {
        domain.put("order-created", e -> {
            ObjectNode detail = (ObjectNode) e.get("detail");
            detail.put("schema_version", "2");
            detail.put("channel", "mobile");
            detail.putObject("loyalty").put("points", 120);
        });
        domain.drain(ORDERS, orderProcessor());

        assertThat(order("ORD-001").get("status").s()).isEqualTo("CREATED");
        assertThat(domain.logLines()).anySatisfy(line -> assertThat(line.path("schemaVersion").asInt()).isEqualTo(2));
    }

    @Test
    void anOrderThatFailsItsSchemaIsRetriedThenDeadLetteredWithTheFieldNamed() throws Exception {
        domain.put("order-created", e -> ((ObjectNode) e.get("detail")).remove("customer_id"));

        domain.pollUntil(ORDERS, orderProcessor(), () -> domain.resources.depth(domain.deadLetters.get(ORDERS)) == 1);

        assertThat(order("ORD-001")).isEmpty();
        List<JsonNode> failures = domain.logLines().stream().filter(l -> l.path("level").asText().equals("ERROR")).toList();
        assertThat(failures).hasSize(domain.maxReceiveCount(ORDERS));
        assertThat(failures).allSatisfy(l -> assertThat(l.path("error_message").asText())
                .contains("detail.customer_id").contains("order-created.json"));
        assertThat(failures).extracting(l -> l.path("receiveCount").asInt()).containsExactly(1, 2, 3);
        List<Message> deadLettered = domain.resources.drain(domain.deadLetters.get(ORDERS));
        assertThat(deadLettered).hasSize(1);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(deadLettered.get(0).body())
                .at("/detail/order_id").asText()).isEqualTo("ORD-001");
        assertThat(domain.notifications()).isEmpty();
    }

    @Test
    void restockIsAppliedOnceAndAReservationAboveStockIsRejectedWithANotification() throws Exception {
        domain.put("inventory-updated"); // ITEM-001 restock 100
        List<Message> restock = domain.take(INVENTORY);
        domain.send(INVENTORY, restock.get(0).body());
        domain.send(INVENTORY, restock.get(0).body()); // the same event twice
        domain.drain(INVENTORY, inventoryProcessor());
        assertThat(stock("ITEM-001").get("available").n()).isEqualTo("100");

        domain.put("inventory-updated", e -> ((ObjectNode) e.get("detail")).put("action", "reserve").put("quantity", 150)
                .put("order_id", "ORD-BIG"));
        List<Message> tooMuch = domain.take(INVENTORY);
        domain.send(INVENTORY, tooMuch.get(0).body());
        domain.send(INVENTORY, tooMuch.get(0).body()); // and its duplicate
        domain.drain(INVENTORY, inventoryProcessor());

        assertThat(stock("ITEM-001").get("available").n()).as("stock never goes negative").isEqualTo("100");
        assertThat(stock("ITEM-001").get("reserved").n()).isEqualTo("0");
        assertThat(domain.item("ITEM#ITEM-001", "RESERVATION#ORD-BIG")).isEmpty();
        List<Notified> notified = domain.notifications();
        assertThat(notified).hasSize(1);
        assertThat(notified.get(0).kind()).isEqualTo("reservation-rejected");
        assertThat(notified.get(0).source()).isEqualTo("inventory");
        assertThat(notified.get(0).severity()).isEqualTo("warning");
        assertThat(notified.get(0).body().path("reason").asText()).contains("100 available");
        assertThat(domain.resources.depth(domain.deadLetters.get(INVENTORY))).as("rejected, not dead-lettered").isZero();
    }

    @Test
    void reserveAndReleaseMoveStockBetweenAvailableAndReserved() throws Exception {
        domain.put("inventory-updated");
        domain.put("inventory-updated", e -> ((ObjectNode) e.get("detail")).put("action", "reserve").put("quantity", 30)
                .put("order_id", "ORD-001"));
        domain.drain(INVENTORY, inventoryProcessor());
        assertThat(stock("ITEM-001").get("available").n()).isEqualTo("70");
        assertThat(stock("ITEM-001").get("reserved").n()).isEqualTo("30");
        assertThat(domain.item("ITEM#ITEM-001", "RESERVATION#ORD-001").get("quantity").n()).isEqualTo("30");

        domain.put("inventory-updated", e -> ((ObjectNode) e.get("detail")).put("action", "release").put("quantity", 10)
                .put("order_id", "ORD-001"));
        domain.put("inventory-updated", e -> ((ObjectNode) e.get("detail")).put("action", "release").put("quantity", 500));
        domain.drain(INVENTORY, inventoryProcessor());

        assertThat(stock("ITEM-001").get("available").n()).isEqualTo("80");
        assertThat(stock("ITEM-001").get("reserved").n()).isEqualTo("20");
        assertThat(domain.notifications()).extracting(Notified::kind).containsExactly("release-rejected");
    }

    @Test
    void aNotificationIsPublishedOnceWithFilterableAttributes() throws Exception {
        domain.put("notification-sent", e -> ((ObjectNode) e.get("detail")).put("kind", "Shipping Update"));
        List<Message> delivered = domain.take(NOTIFICATIONS);
        domain.send(NOTIFICATIONS, delivered.get(0).body());
        domain.send(NOTIFICATIONS, delivered.get(0).body());
        domain.drain(NOTIFICATIONS, notificationProcessor());

        List<Notified> notified = domain.notifications();
        assertThat(notified).hasSize(1);
        assertThat(notified.get(0).kind()).isEqualTo("shipping-update");
        assertThat(notified.get(0).source()).isEqualTo("notifications");
        assertThat(notified.get(0).severity()).isEqualTo("info");
        assertThat(notified.get(0).subject()).isEqualTo("Order ORD-001 shipped");
        assertThat(notified.get(0).body().path("message").asText()).isEqualTo("Your order ORD-001 is on its way.");
        assertThat(notified.get(0).body().path("notificationId").asText()).isEqualTo("NOTE-001");
    }

    /** ITEM-001 stocked with 100 (the seed's restock), then 30 reserved by workflow WF-9 for ORD-9. */
    private Stock stockWithAWorkflowReservation(DynamoDbClient dynamo) throws Exception {
        domain.put("inventory-updated");
        domain.drain(INVENTORY, inventoryProcessor());
        Stock stock = new Stock(dynamo, domain.table, Clock.systemUTC());
        stock.reserveForOrder("ORD-9", "WF-9", Map.of("ITEM-001", 30));
        assertThat(stock("ITEM-001").get("reserved").n()).isEqualTo("30");
        return stock;
    }

    private void releaseEvent(int quantity) throws Exception {
        domain.put("inventory-updated", e -> ((ObjectNode) e.get("detail")).put("action", "release")
                .put("quantity", quantity).put("order_id", "ORD-9"));
    }

    private Map<String, AttributeValue> reservation() {
        return domain.item("ITEM#ITEM-001", "RESERVATION#ORD-9");
    }

    @Test
    void aWorkflowsCompensationReleasesWhatItsReservationStillHoldsOnceAndOnlyItsOwn() throws Exception {
        Stock stock = stockWithAWorkflowReservation(aws.dynamo);
        releaseEvent(10);
        domain.drain(INVENTORY, inventoryProcessor());

        assertThat(stock.releaseForOrder("ORD-9", "WF-OTHER", Set.of("ITEM-001")).quantities())
                .as("another workflow's compensation").isEmpty();
        Stock.Release first = stock.releaseForOrder("ORD-9", "WF-9", Set.of("ITEM-001"));
        Stock.Release second = stock.releaseForOrder("ORD-9", "WF-9", Set.of("ITEM-001"));

        assertThat(first.quantities()).isEqualTo(Map.of("ITEM-001", 20));
        assertThat(first.alreadyReleased()).isFalse();
        assertThat(second.quantities()).isEqualTo(Map.of("ITEM-001", 20));
        assertThat(second.alreadyReleased()).isTrue();
        assertThat(stock("ITEM-001").get("available").n()).as("10 by the event, 20 by the compensation, once")
                .isEqualTo("100");
        assertThat(stock("ITEM-001").get("reserved").n()).isEqualTo("0");
        assertThat(reservation().get("quantity").n()).isEqualTo("0");
        assertThat(reservation().get("compensatedQuantity").n()).isEqualTo("20");
        assertThat(reservation()).containsKeys("compensatedAt", "releasedAt");

        releaseEvent(5); // a late release for the order finds nothing held
        domain.drain(INVENTORY, inventoryProcessor());
        assertThat(stock("ITEM-001").get("available").n()).isEqualTo("100");
        assertThat(domain.notifications()).extracting(Notified::kind).containsExactly("release-rejected");

        Stock.Reservation again = stock.reserveForOrder("ORD-9", "WF-9", Map.of("ITEM-001", 30));
        assertThat(again.alreadyReserved()).as("a compensated reservation holds nothing: a replay reserves anew")
                .isFalse();
        assertThat(stock("ITEM-001").get("reserved").n()).isEqualTo("30");
        assertThat(reservation()).doesNotContainKey("compensatedAt");
    }

    @Test
    void aReleaseEventThatCommitsBetweenTheCompensationsReadAndItsTransactionIsCountedOnce() throws Exception {
        AtomicBoolean raced = new AtomicBoolean();
        // The inventory processor applies "release 10 of ORD-9" just before the compensation's first transaction.
        DynamoDbClient interleaving = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && raced.compareAndSet(true, false)) {
                        releaseEvent(10);
                        domain.drain(INVENTORY, inventoryProcessor());
                    }
                    try {
                        return method.invoke(aws.dynamo, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Stock stock = stockWithAWorkflowReservation(interleaving);
        raced.set(true);

        Stock.Release release = stock.releaseForOrder("ORD-9", "WF-9", Set.of("ITEM-001"));

        assertThat(raced).as("the event was applied mid-compensation").isFalse();
        assertThat(release.quantities()).as("what the event left").isEqualTo(Map.of("ITEM-001", 20));
        assertThat(stock("ITEM-001").get("available").n()).isEqualTo("100");
        assertThat(stock("ITEM-001").get("reserved").n()).isEqualTo("0");
        assertThat(domain.notifications()).as("the event applied, not rejected").isEmpty();
    }
}
