package dev.edp.cli.cur;

import dev.edp.cli.moto.MotoResources;
import dev.edp.cli.moto.RetryingEventSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.CliRun;
import dev.edp.cli.ops.OpsSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poison cost report, dead-lettered by the real CUR function on moto, then inspected with {@code ./edp dlq list}:
 * the error shown is the one the function recorded (its failure log line, the same file, line and reason as its
 * error notification), found in the function's log group where Lambda ships what the function prints.
 */
class CurDeadLetterInspectionIT extends OnCurPipeline {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @Test
    void theDeadLetteredReportShowsTheFileLineAndReasonTheFunctionRecorded() throws Exception {
        pipeline.upload("cur/bad.csv", ("lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,"
                + "lineItem/UnblendedCost\n2024-01-01T00:00:00Z,111111111111,AmazonEC2,1.5\n"
                + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,one dollar\n").getBytes(StandardCharsets.UTF_8));
        assertThat(pipeline.routeCustomBus()).isEqualTo(1);
        RetryingEventSource source = pipeline.eventSource(pipeline.handler(), 1);
        source.pollUntil(() -> pipeline.resources.depth(pipeline.deadLetters) == 1, Duration.ofSeconds(60));
        MotoResources.Notified notified = pipeline.notifications().stream()
                .filter(n -> n.kind().equals("error")).findFirst().orElseThrow();

        OpsSandbox sandbox = OpsSandbox.of(deployed, project);
        String logGroup = sandbox.logGroupNames.get("cur-ingest");
        // What the function printed, shipped to its log group as Lambda does.
        sandbox.shipLogs("cur-ingest", Arrays.stream(pipeline.logs.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> !line.isBlank()).toList());

        CliRun.Outcome outcome = sandbox.edp("dlq", "list", "--stack", "dev", "--local", "--consumer", "cur-ingest",
                "--json");
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        JsonNode queue = JSON.readTree(outcome.out()).get("queues").get(0);
        assertThat(queue.get("visible").asInt()).isEqualTo(1);
        JsonNode message = queue.get("sample").get(0);
        assertThat(message.get("messageId").asText()).isEqualTo(notified.body().get("messageId").asText());
        assertThat(message.get("receiveCount").asInt()).isEqualTo(pipeline.maxReceiveCount());
        JsonNode recorded = message.get("recordedError");
        assertThat(recorded.get("source").asText()).isEqualTo("function log " + logGroup);
        // The same facts as the error notification the function sent on that last delivery.
        assertThat(recorded.at("/details/file").asText()).isEqualTo(notified.body().get("file").asText());
        assertThat(recorded.at("/details/line").asInt()).isEqualTo(notified.body().get("line").asInt()).isEqualTo(3);
        assertThat(recorded.at("/details/receiveCount").asInt()).isEqualTo(3);
        assertThat(recorded.at("/details/lastDelivery").asBoolean()).isTrue();
        assertThat(message.get("error").asText()).startsWith("CurFormatException: s3://edp-dev-cur-ingest/cur/bad.csv:"
                + " line 3: " + notified.body().get("reason").asText()
                + " (file s3://edp-dev-cur-ingest/cur/bad.csv, line 3) on receive 3");
        assertThat(List.of(message.get("body").asText())).allSatisfy(body -> assertThat(body).contains("cur/bad.csv"));
    }
}
