package dev.edp.cli.local.run.domain;

import dev.edp.cli.local.run.Check;
import dev.edp.cli.local.run.Notifications.Notification;
import dev.edp.cli.local.run.Scenario;
import dev.edp.cli.local.run.ScenarioContext;
import dev.edp.cli.local.run.ScenarioResult;
import dev.edp.reference.RuntimeHandlers;
import dev.edp.reference.SeedConsumers;

import java.util.List;
import java.util.Optional;

/**
 * Seed 003's inventory: a restock of 10, a reservation of 4 for an order, then a reservation of 100 the stock
 * cannot take. The handler applies the first two, rejects the third (recorded, announced as
 * {@code reservation-rejected}, not retried: retrying cannot make stock appear) and the levels stay 6 / 4.
 */
public final class InventoryScenario implements Scenario {

    static final String ITEM = "ITEM-LOCAL-1";

    @Override
    public String name() {
        return "inventory";
    }

    @Override
    public String description() {
        return "inventory restock and over-reservation (seed 003)";
    }

    @Override
    public Optional<String> unavailable(ScenarioContext context) {
        return context.missingHandlers(List.of(RuntimeHandlers.INVENTORY_PROCESSOR));
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        DomainProbe probe = new DomainProbe(context);
        String consumer = SeedConsumers.INVENTORY_PROCESSOR;

        context.trace().note(ITEM + ": restock 10");
        String restock = probe.put("inventory", "Inventory Updated",
                DomainProbe.detail().put("item_id", ITEM).put("quantity", 10).put("action", "restock"));
        boolean restocked = probe.processed(restock, consumer);

        context.trace().note(ITEM + ": reserve 4 for ORD-LOCAL-2");
        String reserve = probe.put("inventory", "Inventory Updated", DomainProbe.detail().put("item_id", ITEM)
                .put("quantity", 4).put("action", "reserve").put("order_id", "ORD-LOCAL-2"));
        boolean reserved = probe.processed(reserve, consumer);

        context.trace().note(ITEM + ": reserve 100 for ORD-LOCAL-3 (more than available)");
        String over = probe.put("inventory", "Inventory Updated", DomainProbe.detail().put("item_id", ITEM)
                .put("quantity", 100).put("action", "reserve").put("order_id", "ORD-LOCAL-3"));
        boolean overHandled = probe.processed(over, consumer);
        Optional<Notification> rejected = context.notifications().await(n -> "reservation-rejected".equals(n.kind())
                && over.equals(n.body().path("eventId").asText()), context.timeout());

        var stock = probe.item("ITEM#" + ITEM, "STOCK");
        String available = DomainProbe.text(stock, "available");
        String reservedQuantity = DomainProbe.text(stock, "reserved");
        var overRecord = probe.item("ITEM#" + ITEM, "EVENT#" + over);
        return ScenarioResult.ran(name(), List.of(
                Check.of("restock and reservation applied", restocked && reserved
                                && "6".equals(available) && "4".equals(reservedQuantity),
                        "STOCK: available " + available + ", reserved " + reservedQuantity + " (expected 6, 4)"),
                Check.of("the over-reservation is rejected, recorded, not retried", overHandled
                                && "rejected".equals(DomainProbe.text(overRecord, "outcome")),
                        "EVENT#" + over + ": outcome " + DomainProbe.text(overRecord, "outcome") + ", "
                                + DomainProbe.text(overRecord, "reason")),
                Check.of("reservation-rejected notified", rejected.isPresent(),
                        rejected.map(n -> "severity " + n.severity() + ": " + n.subject()).orElse("no notification")),
                Check.of("nothing in the inventory-processor DLQ",
                        probe.notDeadLettered(consumer, List.of(restock, reserve, over)), "its DLQ holds none of the three")));
    }
}
