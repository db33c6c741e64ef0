package dev.edp.cli.cost;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.ops.OpsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The monthly volumes the estimate assumes, per scenario: EDP's defaults ({@code volumes.json}), overridden by a
 * user's file ({@code ./edp synth --volumes FILE}) that sets any of them, e.g.
 * {@code {"typical": {"events": 5000000, "functionDurationMs": 120}}}. Every value is a decimal >= 0.
 */
public record Volumes(String source, Map<Scenario, Map<String, BigDecimal>> scenarios) {

    /** Every volume and what it means (the report's volumes table, in this order). */
    public static final Map<String, String> MEANING = new LinkedHashMap<>();

    static {
        MEANING.put("events", "custom events published to the bus per month");
        MEANING.put("eventSizeKb", "average event size, KB");
        MEANING.put("deliveriesPerEvent", "consumer rules an event matches, on average");
        MEANING.put("messagesPerInvocation", "SQS messages per consumer invocation (capped by each batch size)");
        MEANING.put("functionDurationMs", "average consumer and workflow-task invocation, ms");
        MEANING.put("curReports", "cost-report files uploaded per month (cur-ingest)");
        MEANING.put("curReportSeconds", "cur-ingest run time per report, s");
        MEANING.put("curReportMb", "size of a cost report, MB");
        MEANING.put("workflowExecutions", "workflow executions per month");
        MEANING.put("tableWritesPerMessage", "DynamoDB write request units per message handled");
        MEANING.put("tableReadsPerMessage", "DynamoDB read request units per message handled");
        MEANING.put("notificationsPerMessage", "SNS publishes per message handled");
        MEANING.put("logKbPerInvocation", "log written per invocation (and per workflow state when logged), KB");
        MEANING.put("pollerReceivesPerQueue", "ReceiveMessage calls Lambda's poller makes on a consumer queue, idle or not");
        MEANING.put("auditCompressionRatio", "GZIP size / raw size of the audit trail");
        MEANING.put("otherKmsRequests", "KMS requests besides SQS's (DynamoDB, SNS, Lambda, S3, Firehose)");
    }

    private static final String DEFAULTS = "volumes.json";
    /** Decimals stay exact: 0.1 is 0.1, not the nearest double. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The value of {@code key} in {@code scenario}. */
    public BigDecimal get(Scenario scenario, String key) {
        BigDecimal value = scenarios.get(scenario).get(key);
        if (value == null) {
            throw new IllegalArgumentException("no volume " + key);
        }
        return value;
    }

    /** EDP's defaults, overridden by {@code file} when given. */
    public static Volumes load(Optional<Path> file) {
        Volumes defaults;
        try (InputStream in = Volumes.class.getResourceAsStream(DEFAULTS)) {
            defaults = parse("EDP's default volumes", JSON.readTree(in), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (file.isEmpty()) {
            return defaults;
        }
        Path path = file.get();
        if (!Files.isRegularFile(path)) {
            throw new OpsException("--volumes " + path + ": no such file");
        }
        try {
            return parse(path.toString(), JSON.readTree(path.toFile()), defaults);
        } catch (IOException e) {
            throw new OpsException("--volumes " + path + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Reads a volumes document; with {@code base}, only the values it sets replace base's. */
    static Volumes parse(String source, JsonNode root, Volumes base) {
        if (root == null || !root.isObject()) {
            throw new OpsException(source + ": must be a JSON object with minimum, typical and/or maximum");
        }
        Map<Scenario, Map<String, BigDecimal>> scenarios = new EnumMap<>(Scenario.class);
        for (Scenario s : Scenario.values()) {
            scenarios.put(s, new LinkedHashMap<>(base == null ? Map.of() : base.scenarios().get(s)));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> scenario = it.next();
            Scenario s = scenario(source, scenario.getKey());
            if (!scenario.getValue().isObject()) {
                throw new OpsException(source + ": " + s.key() + " must be an object of volumes");
            }
            for (Iterator<Map.Entry<String, JsonNode>> v = scenario.getValue().fields(); v.hasNext(); ) {
                Map.Entry<String, JsonNode> volume = v.next();
                String where = source + ": " + s.key() + "." + volume.getKey();
                if (!MEANING.containsKey(volume.getKey())) {
                    throw new OpsException(where + ": no such volume; volumes are " + String.join(", ", MEANING.keySet()));
                }
                scenarios.get(s).put(volume.getKey(), decimal(where, volume.getValue()));
            }
        }
        for (Scenario s : Scenario.values()) {
            for (String key : MEANING.keySet()) {
                if (!scenarios.get(s).containsKey(key)) {
                    throw new OpsException(source + ": " + s.key() + "." + key + " is missing");
                }
            }
        }
        return new Volumes(base == null ? source : source + " over EDP's defaults", scenarios);
    }

    private static Scenario scenario(String source, String key) {
        for (Scenario s : Scenario.values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new OpsException(source + ": " + key + ": not a scenario; use minimum, typical or maximum");
    }

    private static BigDecimal decimal(String where, JsonNode value) {
        try {
            BigDecimal d = new BigDecimal(value.isNumber() ? value.decimalValue().toPlainString() : value.asText());
            if (d.signum() < 0) {
                throw new OpsException(where + ": must be >= 0, got " + d.toPlainString());
            }
            return d;
        } catch (NumberFormatException e) {
            throw new OpsException(where + ": not a number: " + value);
        }
    }
}
