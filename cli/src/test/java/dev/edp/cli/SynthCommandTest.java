package dev.edp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.synth.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./edp synth} as a user runs it: files written on success, exit 2 and the field named on a bad config. */
class SynthCommandTest {

    static CliRun.Outcome edp(String... args) {
        return CliRun.edp(args);
    }

    @Test
    void writesTheGraphAndTheDiagram(@TempDir Path out) throws IOException {
        CliRun.Outcome result = edp("synth", "--stack", "prod", "--out", out.toString(),
                "--project-dir", Stacks.projectDir().toString());
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("stack prod:").contains("aws:sqs/queue:Queue");

        JsonNode graph = new ObjectMapper().readTree(out.resolve("graph.json").toFile());
        assertThat(graph.get("stack").asText()).isEqualTo("prod");
        JsonNode queue = null;
        for (JsonNode r : graph.get("resources")) {
            assertThat(r.has("urn") && r.has("type") && r.has("name") && r.has("parent") && r.has("inputs")).isTrue();
            if (r.get("name").asText().equals("edp-order-processor-queue")) {
                queue = r;
            }
        }
        assertThat(queue).isNotNull();
        assertThat(queue.get("inputs").get("kmsMasterKeyId").asText()).startsWith("arn:aws:kms:");
        assertThat(queue.get("inputs").get("redrivePolicy").asText()).contains("\"maxReceiveCount\":3");

        String diagram = Files.readString(out.resolve("architecture.mmd"));
        assertThat(diagram).startsWith("flowchart LR")
                .contains("edp_cur_ingest_bucket -->|Object Created| default_bus")
                .contains("default_bus --> edp_cur_ingest_forward_rule")
                .contains("edp_cur_ingest_forward_rule --> edp_bus")
                .contains("edp_order_processor_rule --> edp_order_processor_queue")
                .contains("edp_order_processor_queue --> edp_order_processor_fn")
                .contains("edp_order_processor_queue -.->|after max receives| edp_order_processor_dlq")
                .contains("edp_workflow_rule --> edp_workflow")
                .contains("edp_workflow_rule -.->|undeliverable| edp_workflow_dlq")
                .contains("edp_audit_rule --> edp_audit_stream")
                .contains("edp_audit_stream --> edp_audit_bucket");
    }

    @Test
    void writesTheCostEstimateInSeed004sShapeWithTheVolumesGiven(@TempDir Path dir) throws IOException {
        Path volumes = dir.resolve("volumes.json");
        Files.writeString(volumes, "{\"typical\": {\"workflowExecutions\": 0}}");
        CliRun.Outcome result = edp("synth", "--stack", "dev", "--out", dir.resolve("out").toString(),
                "--project-dir", Stacks.projectDir().toString(), "--volumes", volumes.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        String cost = Files.readString(dir.resolve("out").resolve("cost.md"));
        assertThat(cost).startsWith("# Monthly cost estimate: stack dev")
                .contains("| Component | Minimum | Typical | Maximum |")
                .contains("| Step Functions | $0.04 | $0.00 | $200.00 |")
                .contains("| **TOTAL** |")
                .contains("(" + volumes + " over EDP's defaults;")
                .contains("| lambda.duration.arm64 | 0.0000133334 | 1 | GB-seconds (Arm) | https://cloudchipr.com/blog/aws-lambda-pricing |");

        Files.writeString(volumes, "{\"typical\": {\"events\": \"lots\"}}");
        CliRun.Outcome bad = edp("synth", "--stack", "dev", "--out", dir.resolve("bad").toString(),
                "--project-dir", Stacks.projectDir().toString(), "--volumes", volumes.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains(volumes + ": typical.events: not a number");
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    @Test
    void aBadConfigFailsWithEveryFieldNamed(@TempDir Path project) throws IOException {
        Files.copy(Stacks.projectDir().resolve("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.writeString(project.resolve("Pulumi.bad.yaml"), """
                config:
                  aws:region: us-east-1
                  edp:environment: qa
                  edp:queueDefaults:
                    maxReceiveCount: 0
                  edp:consumers:
                    - name: billing
                      eventPattern: "not json"
                      function:
                        handler: com.acme.Billing::handle
                """);
        CliRun.Outcome result = edp("synth", "--stack", "bad", "--out", project.resolve("out").toString(),
                "--project-dir", project.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("environment: must be one of dev, staging, prod (got 'qa')")
                .contains("queueDefaults.maxReceiveCount: must be between 1 and 1000 (got 0)")
                .contains("consumers[billing].eventPattern: is not JSON");
        assertThat(project.resolve("out/graph.json")).doesNotExist();
    }

    @Test
    void anUnknownKeyIsNamedWithItsPath(@TempDir Path project) throws IOException {
        Files.copy(Stacks.projectDir().resolve("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.writeString(project.resolve("Pulumi.typo.yaml"), """
                config:
                  edp:environment: dev
                  edp:consumers:
                    - name: order-processor
                      function:
                        memoryMB: 1024
                """);
        CliRun.Outcome result = edp("synth", "--stack", "typo", "--out", project.resolve("out").toString(),
                "--project-dir", project.toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("edp:consumers[0].function.memoryMB: unknown key").contains("memoryMb");
    }

    @Test
    void aMissingStackFileIsNamed(@TempDir Path out) {
        CliRun.Outcome result = edp("synth", "--stack", "qa", "--out", out.toString(),
                "--project-dir", Stacks.projectDir().toString());
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Pulumi.qa.yaml: no such stack file");
    }
}
