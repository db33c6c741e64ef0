package dev.edp.cli.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AND of two EventBridge patterns, checked against event-ruler: the result matches exactly what both match. */
class PatternConjunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode p(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static boolean matches(String pattern, String event) throws Exception {
        Machine machine = new Machine();
        machine.addRule("p", pattern);
        return !machine.rulesForJSONEvent(event).isEmpty();
    }

    @Test
    void theCombinationMatchesExactlyTheEventsBothPatternsMatch() throws Exception {
        String consumer = "{\"source\":[\"orders\"],\"detail-type\":[\"Order Created\",\"Order Completed\"]}";
        String operator = "{\"detail-type\":[\"Order Created\",\"Refund Issued\"],\"detail\":{\"priority\":[\"high\"]}}";
        String both = PatternConjunction.and(p(consumer), p(operator)).orElseThrow().toString();
        assertThat(p(both)).isEqualTo(p("{\"source\":[\"orders\"],\"detail-type\":[\"Order Created\"],"
                + "\"detail\":{\"priority\":[\"high\"]}}"));

        List<String> events = List.of(
                event("orders", "Order Created", "high"), event("orders", "Order Created", "low"),
                event("orders", "Order Completed", "high"), event("orders", "Refund Issued", "high"),
                event("inventory", "Order Created", "high"));
        for (String e : events) {
            assertThat(matches(both, e)).as(e).isEqualTo(matches(consumer, e) && matches(operator, e));
        }
    }

    @Test
    void patternsNoEventCanMatchTogetherGiveNothing() throws Exception {
        assertThat(PatternConjunction.and(p("{\"source\":[\"orders\"]}"), p("{\"source\":[\"inventory\"]}"))).isEmpty();
        assertThat(PatternConjunction.and(p("{\"detail\":{\"a\":[1]}}"), p("{\"detail\":[\"x\"]}"))).isEmpty();
        assertThat(PatternConjunction.and(p("{\"detail\":{\"a\":[1]}}"), p("{\"detail\":{\"a\":[2]}}"))).isEmpty();
    }

    @Test
    void matchersOtherThanValuesOnTheSameFieldCannotBeCombined() throws Exception {
        assertThatThrownBy(() -> PatternConjunction.and(p("{\"detail\":{\"key\":[{\"suffix\":\".csv\"}]}}"),
                p("{\"detail\":{\"key\":[\"a.csv\"]}}")))
                .isInstanceOf(PatternConjunction.Inexpressible.class).hasMessageStartingWith("detail.key: ");
        assertThatThrownBy(() -> PatternConjunction.and(p("{\"source\":[\"orders\"]}"),
                p("{\"$or\":[{\"source\":[\"orders\"]}]}")))
                .isInstanceOf(PatternConjunction.Inexpressible.class).hasMessageContaining("$or");
        // Such matchers on different fields combine.
        Optional<ObjectNode> both = PatternConjunction.and(p("{\"detail\":{\"key\":[{\"suffix\":\".csv\"}]}}"),
                p("{\"detail\":{\"bucket\":[{\"prefix\":\"cur-\"}]}}"));
        assertThat(both).contains(p("{\"detail\":{\"key\":[{\"suffix\":\".csv\"}],\"bucket\":[{\"prefix\":\"cur-\"}]}}"));
    }

    private static String event(String source, String type, String priority) {
        return "{\"version\":\"0\",\"id\":\"1\",\"source\":\"" + source + "\",\"detail-type\":\"" + type
                + "\",\"account\":\"123456789012\",\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":{\"priority\":\"" + priority + "\"}}";
    }
}
