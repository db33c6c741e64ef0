package dev.edp.stack;

import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stack config as the engine hands it over (structured values as JSON text) → Args, or a message naming the key. */
class StackConfigTest {

    private static EventDrivenPatternArgs read(Map<String, String> config) {
        return StackConfig.read(key -> Optional.ofNullable(config.get(key)), EdpStack.CONFIG_KEYS);
    }

    @Test
    void bindsScalarsAndStructuredKeys() {
        EventDrivenPatternArgs args = read(Map.of(
                "environment", "prod",
                "includeSeedConsumers", "false",
                "consumers", """
                        [{"name":"billing","eventPattern":"{\\"source\\":[\\"billing\\"]}",
                          "handler":"com.acme.Billing::handle","grants":["table:write"],
                          "function":{"memoryMb":1536},"queue":{"maxReceiveCount":5}}]""",
                "bus", "{\"producerAccountIds\":[\"111122223333\"],\"archiveRetentionDays\":30}",
                "curIngest", "{\"anomalyFactor\":\"2.5\"}",
                "tags", "{\"team\":\"payments\"}"));
        assertThat(args.environment()).isEqualTo("prod");
        assertThat(args.includeSeedConsumers()).contains(false);
        var billing = args.consumers().get(0);
        assertThat(billing.name()).isEqualTo("billing");
        assertThat(billing.grants()).contains(java.util.List.of("table:write"));
        assertThat(billing.function().memoryMb()).contains(1536);
        assertThat(billing.queue().maxReceiveCount()).contains(5);
        assertThat(args.bus().producerAccountIds()).contains(java.util.List.of("111122223333"));
        assertThat(args.bus().archiveRetentionDays()).contains(30);
        assertThat(args.curIngest().anomalyFactor()).contains("2.5");
        assertThat(args.tags()).containsEntry("team", "payments");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysThatExist() {
        assertThatThrownBy(() -> read(Map.of("environment", "dev", "queueDefaults", "{\"maxRecieveCount\":3}")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("edp:queueDefaults.maxRecieveCount: unknown key")
                .hasMessageContaining("maxReceiveCount");
    }

    @Test
    void aMistypedValueIsNamed() {
        assertThatThrownBy(() -> read(Map.of("environment", "dev",
                "consumers", "[{\"name\":\"a\",\"function\":{\"memoryMb\":\"lots\"}}]")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("edp:consumers[0].function.memoryMb:");
    }

    @Test
    void theEnvironmentIsRequired() {
        assertThatThrownBy(() -> read(Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("edp:environment: required")
                .hasMessageContaining("pulumi config set edp:environment dev");
    }

    @Test
    void theComponentNameDefaultsToEdp() {
        assertThat(StackConfig.name(key -> Optional.empty())).isEqualTo("edp");
        assertThat(StackConfig.name(key -> key.equals("name") ? Optional.of("shop") : Optional.empty())).isEqualTo("shop");
    }
}
