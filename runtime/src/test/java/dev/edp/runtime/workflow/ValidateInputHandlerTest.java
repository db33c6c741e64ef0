package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import dev.edp.runtime.testing.Tasks;
import org.junit.jupiter.api.Test;

import static dev.edp.runtime.testing.Examples.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidateInputHandlerTest {

    private final ValidateInputHandler handler = new ValidateInputHandler(new Handlers("wf-validate").context);

    @Test
    void aValidTriggerIsSummarisedForTheRoutingStates() throws Exception {
        JsonNode result = Tasks.invoke(handler, Examples.variant("workflow-triggered",
                e -> detail(e).put("priority", "high").put("requires_approval", true)));

        assertThat(result.path("valid").asBoolean()).isTrue();
        assertThat(result.path("workflow_id").asText()).isEqualTo("WF-001");
        assertThat(result.path("priority").asText()).isEqualTo("high");
        assertThat(result.path("requires_approval").asBoolean()).isTrue();
        assertThat(result.path("schema_version").asInt()).isEqualTo(1);
    }

    @Test
    void missingOptionalFieldsReadAsNormalWithoutApproval() throws Exception {
        JsonNode result = Tasks.invoke(handler, Examples.event("workflow-triggered"));

        assertThat(result.path("priority").asText()).isEqualTo("normal");
        assertThat(result.path("requires_approval").asBoolean()).isFalse();
    }

    @Test
    void anUnknownPriorityFailsTheTaskNamingTheField() {
        assertThatThrownBy(() -> Tasks.invoke(handler, Examples.variant("workflow-triggered",
                e -> detail(e).put("priority", "urgent"))))
                .isInstanceOf(InvalidWorkflowInputException.class)
                .hasMessageContaining("detail.priority")
                .hasMessageContaining("high");
    }

    @Test
    void anotherEventTypeIsNoWorkflowInput() {
        assertThatThrownBy(() -> Tasks.invoke(handler, Examples.event("order-created")))
                .isInstanceOf(InvalidWorkflowInputException.class)
                .hasMessageContaining("'Workflow Triggered'");
    }
}
