package dev.edp.cli.local.functions;

import dev.edp.reference.RuntimeHandlers;
import dev.edp.sandbox.functions.HandlerReference;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every handler the pattern deploys can run in the sandbox with its own environment: one JVM cannot give each
 * function its own process environment, so each has a public constructor taking it (runtime/README.md).
 */
class SandboxHandlersTest {

    @Test
    void everyDeployedHandlerTakesItsEnvironment() throws Exception {
        List<String> handlers = new ArrayList<>();
        for (Field field : RuntimeHandlers.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && field.get(null).toString().contains("::")) {
                handlers.add(field.get(null).toString());
            }
        }
        assertThat(handlers).hasSizeGreaterThanOrEqualTo(9);
        for (String handler : handlers) {
            Class<?> type = Class.forName(HandlerReference.parse(handler).className());
            assertThat(type.getConstructor(Map.class)).as(handler).isNotNull();
        }
    }
}
