package dev.edp.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.provider.internal.Metadata;
import dev.edp.pattern.config.Environment;
import dev.edp.pattern.config.InputDefaults;
import dev.edp.pattern.config.PatternSettings.Kind;
import dev.edp.pattern.inputs.Architecture;
import dev.edp.pattern.inputs.ClosedSet;
import dev.edp.pattern.inputs.KeyType;
import dev.edp.pattern.inputs.LogLevel;
import dev.edp.pattern.inputs.PatternTopic;
import dev.edp.pattern.inputs.ProjectionType;
import dev.edp.pattern.inputs.SubscriptionProtocol;
import dev.edp.pattern.inputs.WorkflowLogLevel;
import dev.edp.pattern.inputs.WorkflowType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user of another language reads in the schema: the checks issue 15 names, over the real Args. */
class PackageSchemaTest {

    private final PackageSchema packageSchema = PackageSchema.of(new Metadata("edp", "0.1.0", "EDP"));
    private final JsonNode schema = packageSchema.tree();
    private final JsonNode component = schema.path("resources").path("edp:index:EventDrivenPattern");

    @Test
    void servesTheComponentWithItsRequiredEnvironment() {
        assertThat(component.path("isComponent").asBoolean()).isTrue();
        assertThat(component.path("requiredInputs").toString()).isEqualTo("[\"environment\"]");
        assertThat(component.path("description").asText()).contains("event-driven architecture");
    }

    @Test
    void noStaticFieldOfAnArgsClassIsAProperty() {
        // The inference made each Args class's static `Empty` a property; Java's statics are not data.
        assertThat(propertyNames()).doesNotContain("Empty");
    }

    @Test
    void everyInputAndTypeCarriesItsJavadoc() {
        List<String> undescribed = new ArrayList<>();
        component.path("inputProperties").fields().forEachRemaining(p -> {
            if (p.getValue().path("description").asText().isBlank()) {
                undescribed.add("EventDrivenPattern." + p.getKey());
            }
        });
        schema.path("types").fields().forEachRemaining(type -> {
            if (type.getValue().path("description").asText().isBlank()) {
                undescribed.add(type.getKey());
            }
            type.getValue().path("properties").fields().forEachRemaining(p -> {
                if (p.getValue().path("description").asText().isBlank()) {
                    undescribed.add(type.getKey() + "." + p.getKey());
                }
            });
        });
        assertThat(undescribed).isEmpty();
        assertThat(schema.at("/types/edp:index:Queue/properties/maxReceiveCount/description").asText())
                .isNotBlank();
    }

    @Test
    void typesAreNamedAfterTheFieldsThatHoldThem() {
        assertThat(names(schema.path("types")))
                .contains("edp:index:Alarms", "edp:index:Table", "edp:index:Consumer", "edp:index:Bus")
                .contains("edp:index:GlobalSecondaryIndex")
                .doesNotContain("edp:index:Alarm", "edp:index:StateTable", "edp:index:GlobalSecondaryIndexe");
        assertThat(component.at("/inputProperties/alarms/$ref").asText()).isEqualTo("#/types/edp:index:Alarms");
        assertThat(component.at("/inputProperties/consumers/items/$ref").asText())
                .isEqualTo("#/types/edp:index:Consumer");
    }

    @Test
    void aValueOneOfASetIsAnEnumOfThePatternsOwnValues() {
        assertThat(component.at("/inputProperties/environment/$ref").asText()).isEqualTo("#/types/edp:index:Environment");
        assertThat(schema.at("/types/edp:index:Environment/enum").findValuesAsText("value"))
                .containsExactly("dev", "staging", "prod");
        assertThat(schema.at("/types/edp:index:Consumer/properties/kind/$ref").asText())
                .isEqualTo("#/types/edp:index:ConsumerKind");
        assertThat(schema.at("/types/edp:index:ConsumerKind/enum").findValuesAsText("value"))
                .containsExactly("queue", "function", "workflow", "topic", "bus");
    }

    /** Every field marked {@code @OneOf} in the pattern's Args, and the set it names: the enums below. */
    private static final Map<String, Class<? extends ClosedSet>> ENUM_FIELDS = Map.ofEntries(
            Map.entry("/resources/edp:index:EventDrivenPattern/inputProperties/environment", Environment.class),
            Map.entry("/types/edp:index:Consumer/properties/kind", Kind.class),
            Map.entry("/types/edp:index:Subscription/properties/protocol", SubscriptionProtocol.class),
            Map.entry("/types/edp:index:Subscription/properties/topic", PatternTopic.class),
            Map.entry("/types/edp:index:Function/properties/architecture", Architecture.class),
            Map.entry("/types/edp:index:Function/properties/logLevel", LogLevel.class),
            Map.entry("/types/edp:index:Workflow/properties/type", WorkflowType.class),
            Map.entry("/types/edp:index:Workflow/properties/logLevel", WorkflowLogLevel.class),
            Map.entry("/types/edp:index:PartitionKey/properties/type", KeyType.class),
            Map.entry("/types/edp:index:GlobalSecondaryIndex/properties/projectionType", ProjectionType.class));

    @Test
    void eachClosedSetIsTheEnumOfItsJavaValues() {
        ENUM_FIELDS.forEach((pointer, set) -> {
            String ref = schema.at(pointer + "/$ref").asText();
            assertThat(ref).as(pointer).startsWith("#/types/edp:index:");
            JsonNode enumType = schema.path("types").path(ref.substring("#/types/".length()));
            assertThat(enumType.path("type").asText()).as(ref).isEqualTo("string");
            assertThat(enumType.path("enum").findValuesAsText("value")).as(ref)
                    .containsExactlyElementsOf(ClosedSet.ids(set));
            enumType.path("enum").forEach(v -> assertThat(v.path("description").asText()).as(ref + " " + v)
                    .isNotBlank());
        });
        assertThat(schema.at("/types/edp:index:Function/properties/architecture/$ref").asText())
                .isEqualTo("#/types/edp:index:Architecture");
        assertThat(schema.at("/types/edp:index:Architecture/enum").findValuesAsText("name"))
                .containsExactly("Arm64", "X86_64");
        assertThat(schema.at("/types/edp:index:SubscriptionProtocol/enum").findValuesAsText("value"))
                .containsExactly("email", "sqs", "lambda", "https", "firehose");
    }

    @Test
    void everyOneOfFieldOfTheArgsIsAnEnumInTheSchema() throws Exception {
        // A field marked @OneOf anywhere in the Args is a $ref to an enum (or, open, a union with one).
        int marked = 0;
        for (Class<?> args : argsClasses()) {
            for (java.lang.reflect.Field field : args.getDeclaredFields()) {
                if (field.isAnnotationPresent(dev.edp.pattern.inputs.OneOf.class)) {
                    marked++;
                }
            }
        }
        int refs = schema.toString().split("\\$ref\":\"#/types/edp:index:(" + String.join("|", enumNames())
                + ")\"", -1).length - 1;
        assertThat(refs).isGreaterThanOrEqualTo(marked);
        // + the grants of a function (a consumer's and a task's, in FunctionAccessArgs) and of a workflow
        assertThat(marked).isEqualTo(ENUM_FIELDS.size() + 2);
    }

    @Test
    void aGrantIsOneOfTheFixedGrantsOrAParameterizedFormTheDescriptionSpellsOut() {
        for (String pointer : List.of("/types/edp:index:Consumer/properties/grants",
                "/types/edp:index:Task/properties/grants", "/types/edp:index:Workflow/properties/grants")) {
            JsonNode union = schema.at(pointer + "/items/oneOf");
            assertThat(union.findValuesAsText("type")).as(pointer).containsExactly("string", "string");
            assertThat(union.get(1).path("$ref").asText()).isEqualTo("#/types/edp:index:PatternGrant");
        }
        assertThat(schema.at("/types/edp:index:PatternGrant/enum").findValuesAsText("value"))
                .containsExactly("table:read", "table:write", "notifications:publish", "bus:putEvents");
        String described = schema.at("/types/edp:index:Consumer/properties/grants/description").asText();
        for (String form : dev.edp.pattern.config.Grant.PARAMETERIZED_FORMS) {
            assertThat(described).contains(form);
        }
    }

    private List<String> enumNames() {
        List<String> names = new ArrayList<>();
        schema.path("types").fields().forEachRemaining(t -> {
            if (t.getValue().has("enum")) {
                names.add(t.getKey().substring("edp:index:".length()));
            }
        });
        return names;
    }

    private static List<Class<?>> argsClasses() throws Exception {
        List<Class<?>> classes = new ArrayList<>(List.of(dev.edp.pattern.EventDrivenPatternArgs.class));
        for (String name : List.of("AccessLog", "Alarm", "Audit", "Bucket", "Bus", "Consumer", "FileSource",
                "Function", "FunctionAccess", "IamStatement", "InputTransformer", "Key", "QueueDefaults", "Schedule", "Schema",
                "Subscription", "Table", "TableIndex", "TableKey", "Task", "Workflow")) {
            classes.add(Class.forName("dev.edp.pattern.inputs." + name + "Args"));
        }
        return classes;
    }

    /** Every object type's properties (and the component's inputs) with the Args class behind them. */
    private Map<String, Map.Entry<Class<?>, JsonNode>> propertiesByType() {
        Map<String, Map.Entry<Class<?>, JsonNode>> byType = new java.util.TreeMap<>();
        byType.put("EventDrivenPattern", Map.entry(dev.edp.pattern.EventDrivenPatternArgs.class,
                component.path("inputProperties")));
        packageSchema.argsByToken().forEach((token, args) -> byType.put(token,
                Map.entry(args, schema.path("types").path(token).path("properties"))));
        return byType;
    }

    @Test
    void everyDefaultThePatternAppliesIsStatedAndOnlySafeOnesAsSchemaDefaults() {
        List<String> wrong = new ArrayList<>();
        int stated = 0;
        int schemaDefaults = 0;
        for (var type : propertiesByType().entrySet()) {
            Class<?> args = type.getValue().getKey();
            for (var property : (Iterable<Map.Entry<String, JsonNode>>) type.getValue().getValue()::fields) {
                String at = type.getKey() + "." + property.getKey();
                JsonNode spec = property.getValue();
                String description = spec.path("description").asText();
                var derived = InputDefaults.of(args, property.getKey());
                if (derived.isEmpty()) {
                    if (spec.has("default")) {
                        wrong.add(at + ": a schema default the pattern does not apply");
                    }
                    continue;
                }
                var d = derived.get();
                stated++;
                if (d.dependent()) {
                    if (!description.toLowerCase(java.util.Locale.ROOT).matches(".*\\b(default|preset)\\b.*")) {
                        wrong.add(at + ": follows other fields, and the description gives no rule");
                    }
                } else if (!PackageSchema.Mending.statesDefault(description, d)) {
                    wrong.add(at + ": the description does not state " + d.sentence() + " (" + description + ")");
                }
                if (d.schemaDefault()) {
                    schemaDefaults++;
                    if (!spec.has("default") || !InputDefaults.Default.render(d.value()).equals(spec.path("default").asText())) {
                        wrong.add(at + ": schema default " + spec.path("default") + ", the pattern applies " + d.value());
                    }
                } else if (spec.has("default")) {
                    wrong.add(at + ": a schema default SDKs would send, where sending it is not the same as unset");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(stated).isEqualTo(InputDefaults.all().size());
        assertThat(schemaDefaults).isPositive();
    }

    @Test
    void theJavadocNeverStatesADefaultTheCodeDoesNotApply() {
        // The Args javadoc (which Java users read, and the schema's descriptions start from) states many defaults in
        // prose; each must agree with what the pattern applies, in the form PackageSchema recognizes.
        JavadocIndex javadoc = JavadocIndex.of(dev.edp.pattern.EventDrivenPattern.class);
        List<String> stale = new ArrayList<>();
        InputDefaults.all().forEach((key, d) -> {
            String className = key.substring(0, key.indexOf('#'));
            String property = key.substring(key.indexOf('#') + 1);
            String text;
            try {
                text = javadoc.ofMember(Class.forName(className), property).orElse("");
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            boolean claims = text.matches(".*\\b(Default|Preset)\\b.*");
            if (claims && !d.dependent() && !PackageSchema.Mending.statesDefault(text, d)) {
                stale.add(key + ": javadoc '" + text + "', the pattern applies " + d.sentence());
            }
        });
        assertThat(stale).isEmpty();
    }

    @Test
    void defaultsByEnvironmentAreInTheDescriptionAndNeverASchemaDefault() {
        JsonNode memory = schema.at("/types/edp:index:Function/properties/memoryMb");
        assertThat(memory.has("default")).isFalse();
        assertThat(memory.path("description").asText()).contains("dev 512, staging 1024, prod 2048");
        JsonNode logLevel = schema.at("/types/edp:index:Workflow/properties/logLevel");
        assertThat(logLevel.has("default")).isFalse();
        assertThat(logLevel.path("description").asText()).contains("dev ALL, staging ALL, prod ERROR");
    }

    @Test
    void aSchemaDefaultOnlyWhereAnSdkSendingItChangesNothing() {
        // Safe: the same everywhere, whoever holds it.
        assertThat(schema.at("/types/edp:index:Consumer/properties/kind/default").asText()).isEqualTo("queue");
        assertThat(schema.at("/types/edp:index:Workflow/properties/type/default").asText()).isEqualTo("STANDARD");
        assertThat(schema.at("/types/edp:index:Schedule/properties/timezone/default").asText()).isEqualTo("UTC");
        assertThat(schema.at("/types/edp:index:Audit/properties/bufferingMb/default").asInt()).isEqualTo(5);
        // A layer's: a consumer's function sending 30 would override functionDefaults' timeout.
        assertThat(schema.at("/types/edp:index:Function/properties/timeoutSeconds").has("default")).isFalse();
        assertThat(schema.at("/types/edp:index:Function/properties/timeoutSeconds/description").asText())
                .contains("Default 30");
        assertThat(schema.at("/types/edp:index:Queue/properties/maxReceiveCount").has("default")).isFalse();
        // Must stay unset in some uses: a schedule invoking a consumer, an existing table, a consumer not of kind function.
        assertThat(schema.at("/types/edp:index:Schedule/properties/source").has("default")).isFalse();
        assertThat(schema.at("/types/edp:index:Table/properties/ttlAttribute").has("default")).isFalse();
        assertThat(schema.at("/types/edp:index:Consumer/properties/retryAttempts").has("default")).isFalse();
        // Follows another field: the javadoc gives the rule.
        assertThat(schema.at("/types/edp:index:Bus/properties/schemaDiscovery").has("default")).isFalse();
        assertThat(schema.at("/types/edp:index:Queue/properties/visibilityTimeoutSeconds/description").asText())
                .contains("6 x the function timeout");
        // Names the item: stated, with <name> for it.
        assertThat(schema.at("/types/edp:index:Consumer/properties/description/description").asText())
                .endsWith("Default: `EDP consumer <name>`.");
    }

    @Test
    void everyLanguageHasItsPackageName() {
        assertThat(schema.at("/language/nodejs/packageName").asText()).isEqualTo("@edp-dev/edp");
        assertThat(schema.at("/language/python/packageName").asText()).isEqualTo("pulumi_edp");
        assertThat(schema.at("/language/go/importBasePath").asText()).endsWith("/sdk/go/edp");
    }

    private List<String> propertyNames() {
        List<String> names = new ArrayList<>(names(component.path("inputProperties")));
        schema.path("types").forEach(type -> names.addAll(names(type.path("properties"))));
        return names;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fields().forEachRemaining((Map.Entry<String, JsonNode> e) -> names.add(e.getKey()));
        return names;
    }
}
