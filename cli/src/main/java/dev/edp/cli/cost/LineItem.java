package dev.edp.cli.cost;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One line of an estimate: a quantity of one billed unit and what it costs at its list price, or, when the
 * sources gave no price ({@code notPricedKey}), the quantity alone with a cost of zero and the reason in the report.
 */
public record LineItem(Component component, String item, BigDecimal quantity, String unit,
                       Optional<PriceTable.Price> price, Optional<String> notPricedKey) {

    static LineItem priced(Component component, String item, BigDecimal quantity, PriceTable.Price price) {
        return new LineItem(component, item, quantity, price.unit(), Optional.of(price), Optional.empty());
    }

    static LineItem notPriced(Component component, String item, BigDecimal quantity, String unit, String key) {
        return new LineItem(component, item, quantity, unit, Optional.empty(), Optional.of(key));
    }

    /** Exact cost in USD (zero when not priced). */
    public BigDecimal cost() {
        return price.map(p -> p.of(quantity)).orElse(BigDecimal.ZERO);
    }
}
