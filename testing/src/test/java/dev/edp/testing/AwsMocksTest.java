package dev.edp.testing;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ARNs the mocks answer for Lambda have the one shape AWS gives them. */
class AwsMocksTest {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:shop-billing-fn-1a2b3c4";

    private static Map<String, Object> outputs(String type, String logicalName, Map<String, Object> inputs) {
        Map<String, Object> state = new HashMap<>(inputs);
        new AwsMocks().computeOutputs(type, logicalName, state);
        return state;
    }

    @Test
    void anAliasArnIsItsFunctionsArnAndTheAliasNameWhetherTheFunctionIsNamedOrGivenByArn() {
        for (Object functionName : new Object[]{"shop-billing-fn-1a2b3c4", FUNCTION,
                "123456789012:function:shop-billing-fn-1a2b3c4"}) {
            Map<String, Object> alias = outputs("aws:lambda/alias:Alias", "shop-billing-alias",
                    Map.of("name", "live", "functionName", functionName));
            assertThat(alias.get("arn")).as("functionName %s", functionName).isEqualTo(FUNCTION + ":live");
            assertThat(alias.get("invokeArn")).isEqualTo("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                    + FUNCTION + ":live/invocations");
        }
    }

    @Test
    void anEventSourceMappingOfAnAliasAnswersTheAliasArnOnce() {
        Map<String, Object> mapping = outputs("aws:lambda/eventSourceMapping:EventSourceMapping", "shop-billing-esm",
                Map.of("functionName", FUNCTION + ":live"));
        assertThat(mapping.get("functionArn")).isEqualTo(FUNCTION + ":live");

        Map<String, Object> byName = outputs("aws:lambda/eventSourceMapping:EventSourceMapping", "shop-billing-esm",
                Map.of("functionName", "shop-billing-fn-1a2b3c4"));
        assertThat(byName.get("functionArn")).isEqualTo(FUNCTION);
    }
}
