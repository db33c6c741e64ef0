package dev.edp.cli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The list prices the estimate uses ({@code prices-us-east-1.json}): per price its amount in USD for {@code per}
 * units, the unit, the source it was read from and the date that source gives. Prices the sources did not give
 * are listed as not priced, with why, and are never guessed.
 */
public final class PriceTable {

    static final String RESOURCE = "prices-us-east-1.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One list price: {@code usd} for every {@code per} units. */
    public record Price(String key, BigDecimal usd, BigDecimal per, String unit, String source, String sourceDate) {

        /** The cost of {@code quantity} units, exact to 34 digits. */
        public BigDecimal of(BigDecimal quantity) {
            return quantity.multiply(usd).divide(per, MathContext.DECIMAL128);
        }
    }

    private final String region;
    private final String basis;
    private final Map<String, Price> prices;
    private final Map<String, String> notPriced;

    private PriceTable(String region, String basis, Map<String, Price> prices, Map<String, String> notPriced) {
        this.region = region;
        this.basis = basis;
        this.prices = Collections.unmodifiableMap(prices);
        this.notPriced = Collections.unmodifiableMap(notPriced);
    }

    /** The table shipped with EDP. */
    public static PriceTable usEast1() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(RESOURCE, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads and checks a table; every problem names the price. */
    static PriceTable parse(String source, JsonNode root) {
        Map<String, Price> prices = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("prices").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            String where = source + ": prices." + e.getKey();
            BigDecimal usd = decimal(p, "usd", where);
            BigDecimal per = decimal(p, "per", where);
            if (usd.signum() < 0 || per.signum() <= 0) {
                throw new IllegalArgumentException(where + ": usd must be >= 0 and per > 0");
            }
            prices.put(e.getKey(), new Price(e.getKey(), usd, per, text(p, "unit", where), text(p, "source", where),
                    text(p, "sourceDate", where)));
        }
        Map<String, String> notPriced = new LinkedHashMap<>();
        root.path("notPriced").fields().forEachRemaining(e -> notPriced.put(e.getKey(), e.getValue().asText()));
        return new PriceTable(text(root, "region", source), text(root, "basis", source), prices, notPriced);
    }

    public Price price(String key) {
        Price price = prices.get(key);
        if (price == null) {
            throw new IllegalArgumentException("no price " + key + " in " + RESOURCE + "; it has " + prices.keySet());
        }
        return price;
    }

    public String region() {
        return region;
    }

    public String basis() {
        return basis;
    }

    public Map<String, Price> prices() {
        return prices;
    }

    /** What is not priced, and why. */
    public Map<String, String> notPriced() {
        return notPriced;
    }

    private static BigDecimal decimal(JsonNode node, String field, String where) {
        try {
            return new BigDecimal(text(node, field, where));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "." + field + ": not a decimal number");
        }
    }

    private static String text(JsonNode node, String field, String where) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is missing");
        }
        return value;
    }
}
