package dev.edp.cli.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cost.md}: seed 004's table (component x minimum / typical / maximum, and the total) for one stack, then
 * what it was computed from: the stack's functions, the volumes, every line item, the prices with their sources
 * and dates, and what is not priced.
 */
public final class CostReport {

    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

    private CostReport() {
    }

    public static String markdown(String stack, StackInventory inventory, Volumes volumes, PriceTable prices) {
        CostModel model = new CostModel(inventory, prices);
        Map<Scenario, CostModel.Estimate> estimates = new LinkedHashMap<>();
        for (Scenario s : Scenario.values()) {
            estimates.put(s, model.estimate(s, volumes));
        }
        StringBuilder md = new StringBuilder();
        md.append("# Monthly cost estimate: stack ").append(stack).append("\n\n");
        md.append("Region ").append(prices.region()).append(". ").append(prices.basis()).append(" Computed by `./edp synth`")
                .append(" from this stack's graph (").append(inventory.functions().size()).append(" functions, ")
                .append(inventory.queues().size()).append(" queues, ").append(inventory.alarms()).append(" alarms, ")
                .append(inventory.dashboards()).append(" dashboard(s), ").append(inventory.kmsKeys())
                .append(" KMS key(s)) and the volumes below (").append(volumes.source())
                .append("; set your own with `./edp synth --volumes FILE`). A month is 30 days.\n\n");

        md.append("| Component | Minimum | Typical | Maximum |\n|-----------|--------:|--------:|--------:|\n");
        for (Component c : Component.values()) {
            md.append("| ").append(c.heading());
            estimates.values().forEach(e -> md.append(" | ").append(cell(e, c)));
            md.append(" |\n");
        }
        md.append("| **TOTAL**");
        estimates.values().forEach(e -> md.append(" | **").append(money(e.total())).append("**"));
        md.append(" |\n\n");

        notPriced(md, estimates, prices);
        functions(md, inventory);
        volumesTable(md, volumes);
        lineItems(md, estimates);
        priceTable(md, prices);
        return md.toString();
    }

    private static void notPriced(StringBuilder md, Map<Scenario, CostModel.Estimate> estimates, PriceTable prices) {
        Map<String, List<String>> quantities = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (CostModel.Estimate e : estimates.values()) {
            for (LineItem item : e.items()) {
                item.notPricedKey().ifPresent(key -> {
                    String label = item.component().heading() + ": " + item.item();
                    keys.put(label, key);
                    quantities.computeIfAbsent(label, l -> new ArrayList<>())
                            .add(quantity(item.quantity()) + " " + item.unit());
                });
            }
        }
        md.append("\\* plus what is not priced. ");
        md.append("**Not in the totals**: no list price for these in the stored sources, so they are counted, not priced.");
        md.append(" In this stack (minimum / typical / maximum):\n\n");
        quantities.forEach((label, q) -> md.append("- ").append(label).append(": ").append(String.join(" / ", q))
                .append(" (").append(prices.notPriced().get(keys.get(label))).append(")\n"));
        List<String> others = new ArrayList<>();
        prices.notPriced().forEach((key, why) -> {
            if (!keys.containsValue(key)) {
                others.add(key + " (" + why + ")");
            }
        });
        if (!others.isEmpty()) {
            md.append("- also not priced anywhere: ").append(String.join("; ", others)).append('\n');
        }
        md.append('\n');
    }

    private static void functions(StringBuilder md, StackInventory inventory) {
        md.append("## What the graph holds\n\n| function | role | memory (MB) | architecture | batch size | provisioned concurrency |\n")
                .append("|---|---|--:|---|--:|--:|\n");
        for (StackInventory.Function f : inventory.functions()) {
            md.append("| ").append(f.name()).append(" | ").append(f.role().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(" | ").append(f.memoryMb()).append(" | ").append(f.architecture()).append(" | ")
                    .append(f.batchSize() == 0 ? "-" : f.batchSize()).append(" | ").append(f.provisionedConcurrency())
                    .append(" |\n");
        }
        md.append("\nQueues: ").append(inventory.queues().size()).append(" (")
                .append(inventory.queues().stream().filter(StackInventory.Queue::consumerQueue).count())
                .append(" feeding functions). Archive: ").append(inventory.archiveRetentionDays()
                        .map(d -> d == 0 ? "kept forever" : d + "-day retention").orElse("none"))
                .append(". Schema discovery: ").append(inventory.schemaDiscovery() ? "on" : "off")
                .append(". Workflow: ").append(inventory.workflowStates() == 0 ? "none"
                        : inventory.workflowStates() + " states" + (inventory.workflowLogsEveryState() ? ", logging ALL" : ""))
                .append(". Audit trail: ").append(inventory.audit().map(a -> "Firehose to S3, "
                        + (a.standardDays() > 0 ? a.standardDays() + " days in Standard" : "Standard")).orElse("none"))
                .append(". Notification subscriptions: ").append(inventory.notificationSubscriptionsByProtocol().isEmpty()
                        ? "none" : inventory.notificationSubscriptionsByProtocol()).append(".\n\n");
    }

    private static void volumesTable(StringBuilder md, Volumes volumes) {
        md.append("## Volumes (per month)\n\n| volume | Minimum | Typical | Maximum | meaning |\n|---|--:|--:|--:|---|\n");
        Volumes.MEANING.forEach((key, meaning) -> {
            md.append("| ").append(key);
            for (Scenario s : Scenario.values()) {
                md.append(" | ").append(quantity(volumes.get(s, key)));
            }
            md.append(" | ").append(meaning).append(" |\n");
        });
        md.append('\n');
    }

    private static void lineItems(StringBuilder md, Map<Scenario, CostModel.Estimate> estimates) {
        md.append("## Line items\n\n");
        for (CostModel.Estimate e : estimates.values()) {
            md.append("### ").append(e.scenario().heading()).append("\n\n| component | item | quantity | unit | price | cost |\n")
                    .append("|---|---|--:|---|--:|--:|\n");
            for (LineItem item : e.items()) {
                md.append("| ").append(item.component().heading()).append(" | ").append(item.item()).append(" | ")
                        .append(quantity(item.quantity())).append(" | ").append(item.unit()).append(" | ")
                        .append(item.price().map(p -> "$" + p.usd().toPlainString() + " / " + quantity(p.per()))
                                .orElse("not priced"))
                        .append(" | ").append(item.price().isPresent() ? money(item.cost()) : "-").append(" |\n");
            }
            md.append('\n');
        }
    }

    private static void priceTable(StringBuilder md, PriceTable prices) {
        md.append("## Prices (").append(prices.region()).append(")\n\n| price | USD | per | unit | source | source date |\n")
                .append("|---|--:|--:|---|---|---|\n");
        prices.prices().values().forEach(p -> md.append("| ").append(p.key()).append(" | ").append(p.usd().toPlainString())
                .append(" | ").append(quantity(p.per())).append(" | ").append(p.unit()).append(" | ").append(p.source())
                .append(" | ").append(p.sourceDate()).append(" |\n"));
        md.append('\n');
    }

    /** A component's cost; "*" when part of it is not priced, "not priced" when none of it is. */
    private static String cell(CostModel.Estimate estimate, Component component) {
        List<LineItem> items = estimate.items().stream().filter(i -> i.component() == component).toList();
        boolean unpriced = items.stream().anyMatch(i -> i.notPricedKey().isPresent());
        if (unpriced && items.stream().allMatch(i -> i.notPricedKey().isPresent())) {
            return "not priced\\*";
        }
        return money(estimate.total(component)) + (unpriced ? "\\*" : "");
    }

    /** {@code $1,234.57}; {@code <$0.01} for a cost that rounds to zero but is not zero. */
    static String money(BigDecimal usd) {
        if (usd.signum() > 0 && usd.compareTo(HALF_CENT) < 0) {
            return "<$0.01";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return "$" + format.format(usd);
    }

    /** A quantity with grouping and at most 4 decimals. */
    static String quantity(BigDecimal q) {
        DecimalFormat format = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(q);
    }
}
