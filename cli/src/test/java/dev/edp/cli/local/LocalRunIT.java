package dev.edp.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.local.run.ChecklistItem;
import dev.edp.cli.local.run.Criterion;
import dev.edp.cli.local.run.ScenarioResult;
import dev.edp.cli.local.run.cur.SeedChecklist;
import dev.edp.cli.synth.Stacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./edp local} end to end, on moto: the dev stack deployed, every scenario run with a short load phase, and
 * what the run reports: every checklist item of seed 000 passed from observations, every scenario's checks passed,
 * nothing lost, the sandbox file while it runs. One run for the class (a deploy takes tens of seconds).
 */
class LocalRunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOAD_FILES = 3;

    @TempDir
    static Path project;

    private static LocalRun run;
    private static LocalRun.Outcome outcome;
    private static String console;
    private static JsonNode sandboxFileWhileRunning;
    private static boolean sandboxFileAfterClose;
    private static String dlqListWhileRunning;

    @BeforeAll
    static void runEverything() throws Exception {
        Files.copy(Stacks.projectDir().resolve("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.copy(Stacks.projectDir().resolve("Pulumi.dev.yaml"), project.resolve("Pulumi.dev.yaml"));
        // The functions' code, where the stack's edp:runtimeJar names it (relative to the project, as Pulumi reads it).
        Files.createDirectories(project.resolve("runtime"));
        Files.createSymbolicLink(project.resolve("runtime/target"), Stacks.projectDir().resolve("runtime/target").toAbsolutePath());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run = new LocalRun(new LocalRun.Options(project, "dev", 0, Optional.empty(), LOAD_FILES, Duration.ofSeconds(90)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            outcome = run.run();
            Path file = project.resolve("build/local/dev/sandbox.json");
            sandboxFileWhileRunning = Files.exists(file) ? JSON.readTree(file.toFile()) : null;
            dlqListWhileRunning = dlqList();
        } finally {
            run.close();
            sandboxFileAfterClose = Files.exists(project.resolve("build/local/dev/sandbox.json"));
            console = out.toString(StandardCharsets.UTF_8);
        }
    }

    /** What {@code ./edp dlq list --local} says about the running sandbox's CUR dead-letter queue. */
    private static String dlqList() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = dev.edp.cli.Edp.commandLine().execute("dlq", "list", "--local", "--stack", "dev",
                    "--consumer", "cur-ingest", "--project-dir", project.toString());
            return "exit " + code + "\n" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(previous);
        }
    }

    @AfterAll
    static void closeAgain() {
        run.close(); // idempotent: the shutdown hook may call it too
    }

    @Test
    void everyChecklistItemOfSeed000PassedFromWhatWasObserved() {
        assertThat(outcome.checklist()).extracting(ChecklistItem::item).containsExactlyElementsOf(SeedChecklist.ITEMS);
        assertThat(outcome.checklist()).allSatisfy(item ->
                assertThat(item.status()).as(item.item() + ": " + item.evidence()).isEqualTo(ChecklistItem.Status.PASSED));
        // The good reports of the scenario and the load phase, and the one bad report.
        assertThat(outcome.checklist().get(0).evidence()).contains("(" + (2 + LOAD_FILES) + "/" + (2 + LOAD_FILES) + ")");
        assertThat(outcome.checklist().get(6).evidence()).contains("exactly 3 failed receives");
    }

    @Test
    void everyScenarioRanAndPassedItsChecks() {
        assertThat(outcome.scenarios()).extracting(ScenarioResult::scenario)
                .containsExactly("cur", "orders", "inventory", "notifications", "workflow", "audit");
        assertThat(outcome.scenarios()).allSatisfy(s -> {
            assertThat(s.unavailable()).as(s.scenario()).isEmpty();
            assertThat(s.checks()).as(s.scenario()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.passed()).as(s.scenario() + ": " + c.name() + " — " + c.detail()).isTrue());
        });
        assertThat(outcome.coverage().idle()).as("consumers nothing reached").isEmpty();
        assertThat(outcome.coverage().notRunnable()).as("functions that cannot run").isEmpty();
        assertThat(outcome.passed()).isTrue();
    }

    @Test
    void nothingWasLostAndTheBadReportIsTheOnlyDeadLetter() {
        assertThat(outcome.loss().lost()).as(outcome.loss().details().toString()).isZero();
        assertThat(outcome.loss().deadLettered()).isEqualTo(1);
        assertThat(outcome.loss().remaining()).isZero();
        assertThat(outcome.loss().processed()).isEqualTo(outcome.loss().sent() - 1);
    }

    @Test
    void theSuccessCriteriaAreMeasuredOnTheRun() {
        assertThat(outcome.criteria()).extracting(Criterion::goal)
                .containsExactly("Reliability", "Performance", "Observability", "Scalability", "Error handling");
        // Figures are measured, not asserted (they depend on the machine); their outcome-based parts must hold.
        assertThat(outcome.criteria()).allSatisfy(c ->
                assertThat(c.status()).as(c.goal()).isNotEqualTo(ChecklistItem.Status.NOT_RUN));
        assertThat(outcome.criteria().get(0).value()).startsWith("100.0% (" + (1 + LOAD_FILES) + "/" + (1 + LOAD_FILES));
        assertThat(outcome.criteria().get(2).status()).isEqualTo(ChecklistItem.Status.PASSED);
        assertThat(outcome.criteria().get(4).status()).isEqualTo(ChecklistItem.Status.PASSED);
    }

    @Test
    void theSandboxFileNamesTheEndpointAndTheStackOutputsWhileItRuns() {
        assertThat(sandboxFileWhileRunning).isNotNull();
        String endpoint = sandboxFileWhileRunning.path("endpoint").asText();
        assertThat(endpoint).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(sandboxFileWhileRunning.path("region").asText()).isEqualTo("us-east-1");
        JsonNode outputs = sandboxFileWhileRunning.path("outputs");
        for (String export : List.of("busName", "archiveName", "tableName", "queueUrls", "deadLetterQueueUrls",
                "notificationsTopicArn", "stateMachineArn", "ingestBucketName", "auditBucketName")) {
            assertThat(outputs.has(export)).as(export).isTrue();
        }
        assertThat(outputs.path("queueUrls").path("cur-ingest").asText()).startsWith(endpoint + "/123456789012/");
        assertThat(outputs.path("deadLetterQueueUrls").path("order-processor").asText()).startsWith(endpoint + "/");
        assertThat(sandboxFileAfterClose).as("removed on exit").isFalse();
    }

    @Test
    void theOperationsCommandsFindTheSandboxAndTheErrorItsFunctionLogged() {
        // The CUR function's output reached its log group on moto, where `dlq list` looks errors up, as on AWS.
        assertThat(dlqListWhileRunning)
                .contains("cur-ingest: DLQ edp-cur-ingest-dlq-")
                .contains("1 message(s)")
                .contains("line 3: the row has 2 fields")
                .contains("[function log /edp/edp/dev/cur-ingest-");
    }

    @Test
    void theConsoleShowsTheDeployTheLiveTraceAndTheReport() {
        assertThat(console)
                .contains("not emulated:")
                .contains("cloudwatch/metricAlarm")
                .contains("schemas/registry: moto has no EventBridge Schemas API")
                .contains("default bus: the forwarding rule matched the S3 event")
                .contains("→ sqs edp-cur-ingest-queue-")
                .contains("→ states edp-workflow-")
                .contains("λ wf-validate (Step Functions task) → ok")
                .contains("SQS redrive (moto): in DLQ")
                .contains("Testing checklist (seed 000)")
                .contains("Success criteria (seed 000)");
        assertThat(project.resolve("build/local/dev/logs/cur-ingest.log")).isNotEmptyFile();
    }
}
