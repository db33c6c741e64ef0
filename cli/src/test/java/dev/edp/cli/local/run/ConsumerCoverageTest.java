package dev.edp.cli.local.run;

import dev.edp.sandbox.functions.FunctionCode;
import dev.edp.sandbox.functions.HandlerReference;
import dev.edp.sandbox.functions.LocalFunction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --once} fails when a declared consumer received nothing (0 of 0 is not 100 %) or cannot run, naming it. */
class ConsumerCoverageTest {

    private static LocalFunction function(String name, FunctionCode.Loaded code) {
        return new LocalFunction(name + "-fn", name, name + "-fn-1", "arn:aws:lambda:us-east-1:1:function:" + name,
                HandlerReference.parse("java.lang.Object::toString"), Map.of(), 128, 3, null, code, "java21",
                "arn:aws:iam::1:role/" + name);
    }

    private static final FunctionCode.Loaded RUNS = new FunctionCode.Loaded(
            Optional.of(ConsumerCoverageTest.class.getClassLoader()), "test classes");

    @Test
    void aConsumerThatReceivedNothingFailsTheRunByName() {
        ConsumerCoverage coverage = ConsumerCoverage.of(List.of("billing", "shipping"), Set.of("billing"),
                List.of(function("billing", RUNS), function("shipping", RUNS)), true);

        assertThat(coverage.complete()).isFalse();
        assertThat(coverage.idle()).singleElement().asString().startsWith("shipping: received no event");
    }

    @Test
    void withOneScenarioOtherConsumersMayBeIdle() {
        assertThat(ConsumerCoverage.of(List.of("billing", "shipping"), Set.of("billing"),
                List.of(function("billing", RUNS)), false).complete()).isTrue();
    }

    @Test
    void aFunctionThatCannotRunIsNotEmulatedAndFailsTheRun() {
        FunctionCode.Loaded missing = new FunctionCode.Loaded(Optional.empty(),
                "its code archive /p/handlers.jar does not exist (build it first)");
        ConsumerCoverage coverage = ConsumerCoverage.of(List.of("billing"), Set.of("billing"),
                List.of(function("billing", RUNS), function("wf-validate", missing)), true);

        assertThat(coverage.complete()).isFalse();
        assertThat(coverage.notRunnable()).containsExactly(
                "wf-validate: not emulated: its code archive /p/handlers.jar does not exist (build it first)");
    }
}
