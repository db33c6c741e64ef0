package dev.edp.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.asset.FileArchive;
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
 * <p>The inputs file is the TypeScript side's: {@code tools/pulumi/check-package.sh} checks its names, types and
 * enum values against the package schema the SDKs are generated from, so a field the schema lacks fails there.
 */
class ConstructRoundTripTest {

    static final Path INPUTS = Path.of("src/test/resources/construct/typescript-inputs.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWireInputsBuildTheSameGraphAsTheJavaBuilders() throws Exception {
        Path code = Files.createTempFile("handlers-", ".jar");
        Map<String, PropertyValue> wire = propertyValues(JSON.readTree(INPUTS.toFile()));
        // A TypeScript program passes code as `new pulumi.asset.FileArchive(path)`: an archive on the wire.
        Map<String, PropertyValue> defaults = new LinkedHashMap<>(wire.get("functionDefaults").getObjectValue());
        defaults.put("code", PropertyValue.of(new FileArchive(code.toString())));
        wire.put("functionDefaults", PropertyValue.of(defaults));

        EventDrivenPatternArgs fromWire = WireArgs.deserialize(wire, EventDrivenPatternArgs.class);
        EventDrivenPatternArgs fromBuilders = EventDrivenPatternArgs.builder()
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

        ResourceGraph viaConstruct = graph(fromWire);
        ResourceGraph viaBuilders = graph(fromBuilders);

        assertThat(viaConstruct.resources()).hasSizeGreaterThan(50);
        assertThat(shape(viaConstruct)).containsExactlyElementsOf(shape(viaBuilders));
        assertThat(viaConstruct.named("shop-billing-fn").input("memorySize")).isEqualTo(2048L);
        assertThat(viaConstruct.named("shop-audit-log-fn").input("runtime")).isEqualTo("python3.12");
    }

    private static ResourceGraph graph(EventDrivenPatternArgs args) {
        MockedProgram.Run run = MockedProgram.of("shop", "prod", Map.of("aws:region", "us-east-1"))
                .run(ctx -> new EventDrivenPattern("shop", args, null));
        assertThat(run.failure()).as("program failure").isNull();
        return run.graph();
    }

    /** Each resource as type, name, parent and inputs, in registration-independent order. */
    private static List<String> shape(ResourceGraph graph) {
        List<String> shape = new ArrayList<>();
        for (GraphResource r : graph.resources()) {
            shape.add(r.type() + " " + r.name() + " <" + r.parent() + "> " + new java.util.TreeMap<>(r.inputs()));
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
