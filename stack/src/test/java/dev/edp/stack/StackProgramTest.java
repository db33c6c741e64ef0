package dev.edp.stack;

import dev.edp.testing.GraphResource;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stack program composes the pattern and the seeds' application for each environment. */
class StackProgramTest {

    static MockedProgram.Run run(Map<String, String> config) {
        return MockedProgram.of("edp", "test", config).run(EdpStack::define);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void deploysTheSeedApplicationOnThePattern(String environment) {
        MockedProgram.Run run = run(Map.of("aws:region", "us-east-1", "edp:environment", environment));
        assertThat(run.failure()).as("program failure").isNull();
        ResourceGraph g = run.graph();
        assertThat(g.ofType("aws:lambda/function:Function")).extracting(GraphResource::name).containsExactlyInAnyOrder(
                "edp-order-processor-fn", "edp-inventory-processor-fn", "edp-notification-processor-fn",
                "edp-approval-processor-fn", "edp-cur-ingest-fn", "edp-wf-validate-fn", "edp-wf-process-order-fn",
                "edp-wf-reserve-inventory-fn", "edp-wf-handle-error-fn");
        assertThat(g.ofType("aws:sfn/stateMachine:StateMachine")).extracting(GraphResource::name)
                .containsExactly("edp-workflow");
        assertThat(g.ofType("aws:schemas/schema:Schema")).hasSize(8);
        assertThat(run.export("ingestBucketName")).asString().isNotEmpty();
        assertThat(run.export("stateMachineArn")).asString().startsWith("arn:");
    }

    @org.junit.jupiter.api.Test
    void aMisspeltKeyInTheStacksConfigFailsTheProgramNamingIt() {
        MockedProgram.Run run = run(Map.of("aws:region", "us-east-1", "edp:environment", "dev",
                "edp:includeSeedConsumer", "false"));
        assertThat(run.failure()).hasStackTraceContaining(
                "edp:includeSeedConsumer: unknown key (did you mean includeSeedConsumers?)");
        assertThat(run.graph().resources()).extracting(GraphResource::type).containsOnly("pulumi:pulumi:Stack");
    }

    @org.junit.jupiter.api.Test
    void withoutTheSeedApplicationTheStackIsTheBarePattern() {
        MockedProgram.Run run = run(Map.of("aws:region", "us-east-1", "edp:environment", "dev",
                "edp:includeSeedConsumers", "false", "edp:workflow", "{\"enabled\":false}",
                "edp:curIngest", "{\"enabled\":false}"));
        assertThat(run.failure()).isNull();
        assertThat(run.graph().ofType("aws:lambda/function:Function")).isEmpty();
        assertThat(run.export("stateMachineArn")).isEqualTo("");
    }
}
