package dev.edp.runtime.cur;

import java.util.List;

/**
 * The two header layouts AWS writes cost reports in, and the names of the four columns the aggregation needs.
 * Any other columns (there are dozens, plus one per cost-allocation tag) are ignored wherever they stand.
 */
public enum CurLayout {

    /** The legacy Cost and Usage Report. */
    LEGACY("lineItem/UnblendedCost", "lineItem/UsageStartDate", "lineItem/UsageAccountId", "lineItem/ProductCode"),

    /** CUR 2.0 (Data Exports). */
    CUR2("line_item_unblended_cost", "line_item_usage_start_date", "line_item_usage_account_id", "line_item_product_code");

    private final String cost;
    private final String usageStart;
    private final String account;
    private final String product;

    CurLayout(String cost, String usageStart, String account, String product) {
        this.cost = cost;
        this.usageStart = usageStart;
        this.account = account;
        this.product = product;
    }

    public String cost() {
        return cost;
    }

    public String usageStart() {
        return usageStart;
    }

    public String account() {
        return account;
    }

    public String product() {
        return product;
    }

    /** The required columns, cost first. */
    public List<String> required() {
        return List.of(cost, usageStart, account, product);
    }
}
