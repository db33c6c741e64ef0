package dev.edp.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.pulumi.provider.internal.Metadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user of another language reads in the schema: the checks issue 15 names, over the real Args. */
class PackageSchemaTest {

    private final JsonNode schema = PackageSchema.of(new Metadata("edp", "0.1.0", "EDP")).tree();
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
                .doesNotContain("edp:index:Alarm", "edp:index:StateTable");
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
