package dev.edp.runtime.cur;

import java.math.BigDecimal;

/** The exact sum of unblended cost of a group of line items and how many line items it has. */
public record CostTotal(BigDecimal unblendedCost, long lineItems) {

    public static final CostTotal ZERO = new CostTotal(BigDecimal.ZERO, 0);

    public CostTotal plus(CostTotal other) {
        return new CostTotal(unblendedCost.add(other.unblendedCost), lineItems + other.lineItems);
    }
}
