package dev.edp.stack;

import dev.edp.pattern.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Stack config as the engine hands it over (structured values as JSON text) → Args, or every problem named. */
class StackConfigTest {

    private static List<String> problems(Map<String, String> config) {
        InvalidConfigException e = catchThrowableOfType(() -> StackConfig.read(config), InvalidConfigException.class);
        assertThat(e).as("the config was accepted").isNotNull();
        return e.problems();
    }

    @Test
    void bindsScalarsAndStructuredKeys() {
        StackConfig.Bound bound = StackConfig.read(Map.of(
                "name", "shop",
                "environment", "prod",
                "includeSeedConsumers", "false",
                "consumers", """
                        [{"name":"billing","eventPattern":"{\\"source\\":[\\"billing\\"]}",
                          "function":{"handler":"com.acme.Billing::handle","memoryMb":1536,"code":"billing.jar",
                                      "subnetIds":["subnet-1"],"securityGroupIds":["sg-1"]},
                          "grants":["table:write"],"queue":{"maxReceiveCount":5}}]""",
                "bus", "{\"producerAccountIds\":[\"111122223333\"],\"archiveRetentionDays\":30,"
                        + "\"existingBusName\":\"platform\"}",
                "curIngest", "{\"anomalyFactor\":\"2.5\"}",
                "tags", "{\"team\":\"payments\"}"));
        assertThat(bound.name()).isEqualTo("shop");
        var args = bound.pattern();
        assertThat(args.environment()).isEqualTo("prod");
        assertThat(bound.seed().includeSeedConsumers()).contains(false);
        var billing = args.consumers().get(0);
        assertThat(billing.name()).isEqualTo("billing");
        assertThat(billing.grants()).containsExactly("table:write");
        assertThat(billing.function().memoryMb()).contains(1536);
        assertThat(billing.function().code()).isPresent();
        assertThat(billing.function().subnetIds()).isPresent();
        assertThat(billing.queue().maxReceiveCount()).contains(5);
        assertThat(args.bus().producerAccountIds()).contains(List.of("111122223333"));
        assertThat(args.bus().existingBusName()).isPresent();
        assertThat(bound.seed().curIngest().anomalyFactor()).contains("2.5");
        assertThat(args.tags()).containsEntry("team", "payments");
    }

    @Test
    void aMistypedValueIsNamedInPulumisWords() {
        assertThat(problems(Map.of("environment", "dev", "alarms", "{\"lambdaErrors\":\"0.5\"}")))
                .containsExactly("edp:alarms.lambdaErrors: expected a number, got \"0.5\"");
        assertThat(problems(Map.of("environment", "dev",
                "consumers", "[{\"name\":\"a\",\"function\":{\"memoryMb\":\"lots\"}}]")))
                .containsExactly("edp:consumers[0].function.memoryMb: expected an integer, got \"lots\"");
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysThatExist() {
        assertThat(problems(Map.of("environment", "dev", "queueDefaults", "{\"maxRecieveCount\":3}")))
                .singleElement().satisfies(p -> assertThat(p)
                        .startsWith("edp:queueDefaults.maxRecieveCount: unknown key (did you mean maxReceiveCount?)")
                        .contains("known keys here: ["));
    }

    @Test
    void aMisspeltTopLevelKeyIsNotSilentlyIgnored() {
        assertThat(problems(Map.of("environment", "dev", "includeSeedConsumer", "false")))
                .singleElement().satisfies(p -> assertThat(p)
                        .startsWith("edp:includeSeedConsumer: unknown key (did you mean includeSeedConsumers?)"));
    }

    @Test
    void aFlatKeyThatShouldHaveBeenAPathKeyIsNamed() {
        assertThat(problems(Map.of("environment", "dev", "alarms.lambdaErrors", "5")))
                .singleElement().satisfies(p -> assertThat(p)
                        .startsWith("edp:alarms.lambdaErrors: a flat key is not read")
                        .contains("pulumi config set --path 'edp:alarms.lambdaErrors' <value>"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems(Map.of(
                "includeSeedConsumer", "false",
                "alarms", "{\"lambdaErrors\":\"0.5\",\"dlqMesages\":1}",
                "audit.enabled", "false",
                "bus", "{\"archive\":\"yes\"}")))
                .hasSize(6)
                .anySatisfy(p -> assertThat(p).isEqualTo("edp:bus.archive: expected a boolean (true or false), got \"yes\""))
                .anySatisfy(p -> assertThat(p).startsWith("edp:environment: required"))
                .anySatisfy(p -> assertThat(p).startsWith("edp:includeSeedConsumer: unknown key"))
                .anySatisfy(p -> assertThat(p).startsWith("edp:alarms.lambdaErrors: expected a number"))
                .anySatisfy(p -> assertThat(p).startsWith("edp:alarms.dlqMesages: unknown key (did you mean dlqMessages?)"))
                .anySatisfy(p -> assertThat(p).startsWith("edp:audit.enabled: a flat key"));
    }

    @Test
    void theEnvironmentIsRequired() {
        assertThat(problems(Map.of())).singleElement().satisfies(p -> assertThat(p)
                .startsWith("edp:environment: required").contains("pulumi config set edp:environment dev"));
    }

    @Test
    void theComponentNameDefaultsToEdp() {
        assertThat(StackConfig.name(key -> Optional.empty())).isEqualTo("edp");
        assertThat(StackConfig.name(key -> key.equals("name") ? Optional.of("shop") : Optional.empty())).isEqualTo("shop");
        assertThat(StackConfig.read(Map.of("environment", "dev")).name()).isEqualTo("edp");
    }

    @Test
    void theEnginesConfigIsListedFromItsEnvironmentVariable() {
        assertThat(EngineConfig.environment("{\"edp:environment\":\"dev\",\"aws:region\":\"us-east-1\"}"))
                .containsEntry("edp:environment", "dev").containsEntry("aws:region", "us-east-1");
    }
}
