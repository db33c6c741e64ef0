package dev.edp.cli.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.reference.workflow.WorkflowDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pattern's generated state machine, checked by the npm package asl-validator (tools/asl; installed by ./edp setup, so an integration test). */
class WorkflowDefinitionValidationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} partition, approval timeout {1} s")
    @CsvSource({"aws, 3600", "aws, 60", "aws-cn, 31536000", "aws-us-gov, 86400"})
    void theGeneratedDefinitionIsValidAmazonStatesLanguage(String partition, int approvalTimeout) throws Exception {
        String definition = WorkflowDefinition.render(targets(partition, approvalTimeout));

        AslValidator.Verdict verdict = AslValidator.validate(definition);

        assertThat(verdict.valid()).as(verdict.output()).isTrue();
        assertThat(verdict.output()).contains("is valid");
    }

    @Test
    void theValidatorRejectsADefinitionWithADanglingTransition() throws Exception {
        ObjectNode definition = (ObjectNode) JSON.readTree(WorkflowDefinition.render(targets("aws", 3600)));
        ((ObjectNode) definition.with("States").get("ProcessOrderStep")).put("Next", "NoSuchState");

        AslValidator.Verdict verdict = AslValidator.validate(definition.toString());

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.output()).contains("NoSuchState");
    }

    private static WorkflowDefinition.Targets targets(String partition, int approvalTimeout) {
        String region = partition.equals("aws-cn") ? "cn-north-1" : partition.equals("aws-us-gov") ? "us-gov-west-1" : "us-east-1";
        String function = "arn:" + partition + ":lambda:" + region + ":123456789012:function:edp-dev-";
        return new WorkflowDefinition.Targets(partition, function + "wf-validate", function + "wf-process-order",
                function + "wf-reserve-inventory", function + "wf-handle-error",
                "arn:" + partition + ":sns:" + region + ":123456789012:edp-dev-notifications", "edp-dev-bus", approvalTimeout);
    }
}
