package dev.edp.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.asset.FileArchive;
import com.pulumi.provider.internal.Metadata;
import com.pulumi.provider.internal.properties.PropertyValue;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.testing.GraphResource;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Construct} as another language drives it: the properties a TypeScript program sends for a realistic
 * config are deserialized into {@link EventDrivenPatternArgs} the way the provider does it ({@link WireArgs}, what
 * {@link EdpProvider#construct} calls), and build the same graph,
 * resource for resource and input for input, as the Java builders with the same settings.
 *
 * <p>Sent twice: as the file has them, and with the schema's {@code default}s filled in as the generated SDKs
 * fill them before sending; both build the builders' graph, which proves that sending a schema default is the same
 * as leaving it unset.
 *
 * <p>The inputs file is the TypeScript side's: {@code tools/pulumi/check-package.sh} checks its names, types and
 * enum values against the package schema the SDKs are generated from, so a field the schema lacks fails there.
 */
class ConstructRoundTripTest {

    static final Path INPUTS = Path.of("src/test/resources/construct/typescript-inputs.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWireInputsBuildTheSameGraphAsTheJavaBuilders() throws Exception {
        Path code = Files.createTempFile("handlers-", ".jar");
        ResourceGraph viaBuilders = null;
        // As the inputs file has them, and as the generated SDKs send them: with the schema's defaults filled in
        // (TypeScript's *ProvideDefaults, Python's and Go's Defaults()); both must build the builders' graph.
        JsonNode inputs = JSON.readTree(INPUTS.toFile());
        JsonNode schema = PackageSchema.of(new Metadata("edp", "0.1.0", "EDP")).tree();
        int filled = 0;
        for (JsonNode sent : List.of(inputs, withSchemaDefaults(inputs.deepCopy(), schema))) {
            ResourceGraph viaConstruct = graph(fromWire(sent, code));
            viaBuilders = viaBuilders == null ? graph(fromBuilders(code)) : viaBuilders;
            assertThat(viaConstruct.resources()).hasSizeGreaterThan(50);
            // The component's own recorded inputs hold what was sent (kind=queue, ...); every resource it creates
            // must be the same.
            boolean sdkDefaults = sent != inputs;
            assertThat(shape(viaConstruct, sdkDefaults)).containsExactlyElementsOf(shape(viaBuilders, sdkDefaults));
            assertThat(viaConstruct.named("shop-billing-fn").input("memorySize")).isEqualTo(2048L);
            assertThat(viaConstruct.named("shop-audit-log-fn").input("runtime")).isEqualTo("python3.12");
            filled = sent.toString().length() - inputs.toString().length();
        }
        assertThat(filled).as("the SDK defaults added to the inputs").isPositive();
    }

    /**
     * Fills in every schema {@code default} for a property the inputs leave unset, in the component's inputs and
     * in every object value below them, as the generated SDKs do before they send.
     */
    static JsonNode withSchemaDefaults(JsonNode inputs, JsonNode schema) {
        fill((com.fasterxml.jackson.databind.node.ObjectNode) inputs,
                schema.at("/resources/edp:index:EventDrivenPattern/inputProperties"), schema);
        return inputs;
    }

    private static void fill(com.fasterxml.jackson.databind.node.ObjectNode value, JsonNode properties, JsonNode schema) {
        properties.fields().forEachRemaining(p -> {
            JsonNode spec = p.getValue();
            JsonNode given = value.get(p.getKey());
            if (given == null && spec.has("default")) {
                value.set(p.getKey(), spec.get("default"));
            } else if (given != null) {
                JsonNode type = objectType(spec.path("items").isMissingNode() ? spec : spec.path("items"), schema);
                if (type != null) {
                    for (JsonNode item : given.isArray() ? given : List.of(given)) {
                        fill((com.fasterxml.jackson.databind.node.ObjectNode) item, type.path("properties"), schema);
                    }
                }
            }
        });
    }

    private static JsonNode objectType(JsonNode spec, JsonNode schema) {
        String ref = spec.path("$ref").asText();
        JsonNode type = ref.startsWith("#/types/") ? schema.path("types").path(ref.substring(8)) : null;
        return type != null && type.has("properties") ? type : null;
    }

    private static EventDrivenPatternArgs fromWire(JsonNode sent, Path code) {
        Map<String, PropertyValue> wire = propertyValues(sent);
        // A TypeScript program passes code as `new pulumi.asset.FileArchive(path)`: an archive on the wire.
        Map<String, PropertyValue> defaults = new LinkedHashMap<>(wire.get("functionDefaults").getObjectValue());
        defaults.put("code", PropertyValue.of(new FileArchive(code.toString())));
        wire.put("functionDefaults", PropertyValue.of(defaults));

        return WireArgs.deserialize(wire, EventDrivenPatternArgs.class);
    }

    private static EventDrivenPatternArgs fromBuilders(Path code) {
        return EventDrivenPatternArgs.builder()
                .environment("prod")
                .functionDefaults(FunctionArgs.builder().code(new FileArchive(code.toString()))
                        .memoryMb(1024).timeoutSeconds(60).build())
                .queueDefaults(QueueDefaultsArgs.builder().maxReceiveCount(5).batchSize(5).build())
                .consumers(
                        ConsumerArgs.builder().name("billing").description("Issues invoices for paid orders")
                                .eventPattern("{\"source\":[\"shop.orders\"],\"detail-type\":[\"Order Paid\"]}")
                                .grants("table:write", "notifications:publish")
                                .function(FunctionArgs.builder()
                                        .handler("com.example.shop.billing.InvoiceHandler::handleRequest")
                                        .memoryMb(2048).build())
                                .environment(Map.of("SHOP_CURRENCY", "EUR"))
                                .build(),
                        ConsumerArgs.builder().name("audit-log").kind("function")
                                .eventPattern("{\"source\":[\"shop.orders\"]}")
                                .function(FunctionArgs.builder().runtime("python3.12").handler("audit.handler").build())
                                .retryAttempts(2)
                                .build())
                .subscriptions(SubscriptionArgs.builder().topic("alarms").protocol("email")
                        .endpoint("oncall@example.com").build())
                .alarms(AlarmArgs.builder().lambdaErrors(5.0).periodSeconds(120).build())
                .tags(Map.of("team", "shop"))
                .build();
    }

    private static ResourceGraph graph(EventDrivenPatternArgs args) {
        MockedProgram.Run run = MockedProgram.of("shop", "prod", Map.of("aws:region", "us-east-1"))
                .run(ctx -> new EventDrivenPattern("shop", args, null));
        assertThat(run.failure()).as("program failure").isNull();
        return run.graph();
    }

    /** Each resource as type, name, parent and inputs, in registration-independent order. */
    private static List<String> shape(ResourceGraph graph, boolean withoutTheComponentsInputs) {
        List<String> shape = new ArrayList<>();
        for (GraphResource r : graph.resources()) {
            boolean component = r.type().equals("edp:index:EventDrivenPattern");
            shape.add(r.type() + " " + r.name() + " <" + r.parent() + "> "
                    + (component && withoutTheComponentsInputs ? "" : new java.util.TreeMap<>(r.inputs())));
        }
        shape.sort(String::compareTo);
        return shape;
    }

    /** JSON as the engine's property values: numbers are doubles on the wire, as from every language. */
    private static Map<String, PropertyValue> propertyValues(JsonNode object) {
        Map<String, PropertyValue> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), value(e.getValue())));
        return values;
    }

    private static PropertyValue value(JsonNode node) {
        if (node.isObject()) {
            return PropertyValue.of(propertyValues(node));
        }
        if (node.isArray()) {
            List<PropertyValue> items = new ArrayList<>();
            node.forEach(item -> items.add(value(item)));
            return PropertyValue.of(items);
        }
        if (node.isNumber()) {
            return PropertyValue.of(node.asDouble());
        }
        if (node.isBoolean()) {
            return PropertyValue.of(node.asBoolean());
        }
        return node.isNull() ? PropertyValue.NULL : PropertyValue.of(node.asText());
    }
}
