package dev.edp.sandbox.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Python and Node.js functions as subprocesses with Lambda's handler contract: the SQS batch in Lambda's shape,
 * the function's environment, a partial batch response honoured, an error reported with its type, what the
 * handler prints in the function's log; a runtime the sandbox cannot run is not emulated, with the reason.
 * (An integration test: it needs python3 and node on the PATH.)
 */
class SubprocessHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PYTHON = """
            import json, os

            def handle(event, context):
                print("batch of", len(event["Records"]), "in", context.function_name)
                failures = []
                for record in event["Records"]:
                    order = json.loads(record["body"])
                    if order.get("amount", 0) <= 0:
                        failures.append({"itemIdentifier": record["messageId"]})
                return {"batchItemFailures": failures, "currency": os.environ["SHOP_CURRENCY"]}

            def broken(event, context):
                raise ValueError("the table is gone")
            """;

    private static final String NODE = """
            exports.handle = async (event, context) => {
              console.log('batch of', event.Records.length, 'in', context.functionName);
              const failures = event.Records.filter(r => !(JSON.parse(r.body).amount > 0))
                  .map(r => ({ itemIdentifier: r.messageId }));
              return { batchItemFailures: failures, currency: process.env.SHOP_CURRENCY };
            };
            exports.broken = async () => { throw new TypeError('the table is gone'); };
            """;

    private static SQSEvent batch() {
        SQSEvent event = new SQSEvent();
        SQSEvent.SQSMessage paid = new SQSEvent.SQSMessage();
        paid.setMessageId("m-1");
        paid.setBody("{\"amount\": 42.5}");
        paid.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:billing");
        SQSEvent.SQSMessage unpaid = new SQSEvent.SQSMessage();
        unpaid.setMessageId("m-2");
        unpaid.setBody("{\"amount\": 0}");
        event.setRecords(List.of(paid, unpaid));
        return event;
    }

    private static LocalFunction function(String runtime, String handler, Path archive) {
        FunctionCode.Loaded code = new FunctionCode(archive.getParent()).load("billing",
                Map.of("path", archive.getFileName().toString()));
        return new LocalFunction("billing-fn", "billing", "billing-fn-1", "arn:aws:lambda:us-east-1:1:function:billing",
                HandlerReference.parse(handler), Map.of("SHOP_CURRENCY", "EUR"), 256, 30, null, code, runtime,
                "arn:aws:iam::1:role/billing");
    }

    private static void assertContract(LocalFunction function, Path logs) throws Exception {
        assertThat(function.notRunnableReason()).isEmpty();
        try (FunctionLogs log = new FunctionLogs(logs)) {
            log.install();
            LocalFunction.Environment environment = function.start(log);
            JsonNode result = (JsonNode) environment.invoke(batch());
            // Read as the event source mapping reads it (extra fields ignored, as Lambda does).
            SQSBatchResponse response = EventSourceMappings.JSON.convertValue(result, SQSBatchResponse.class);
            assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly("m-2");
            assertThat(result.path("currency").asText()).as("the function's own environment").isEqualTo("EUR");
        }
        assertThat(Files.readString(logs.resolve("billing.log"))).contains("batch of 2 in billing-fn-1");
    }

    @Test
    void aPythonHandlerFromItsZipAnswersAPartialBatchResponse(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("billing.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("billing/app.py"));
            out.write(PYTHON.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("billing/__init__.py"));
            out.closeEntry();
        }
        assertContract(function("python3.12", "billing.app.handle", zip), Files.createDirectories(dir.resolve("logs")));
    }

    @Test
    void aNodeHandlerFromItsDirectoryAnswersAPartialBatchResponse(@TempDir Path dir) throws Exception {
        Path code = Files.createDirectories(dir.resolve("billing"));
        Files.writeString(code.resolve("index.js"), NODE);
        assertContract(function("nodejs20.x", "index.handle", code), Files.createDirectories(dir.resolve("logs")));
    }

    @Test
    void aHandlerErrorIsReportedWithItsType(@TempDir Path dir) throws Exception {
        Path code = Files.createDirectories(dir.resolve("billing"));
        Files.writeString(code.resolve("app.py"), PYTHON);
        Files.writeString(code.resolve("index.js"), NODE);
        try (FunctionLogs log = new FunctionLogs(Files.createDirectories(dir.resolve("logs")))) {
            log.install();
            LocalFunction.Environment python = function("python3.11", "app.broken", code).start(log);
            assertThatThrownBy(() -> python.invoke(batch())).hasMessage("ValueError: the table is gone");
            LocalFunction.Environment node = function("nodejs20.x", "index.broken", code).start(log);
            assertThatThrownBy(() -> node.invoke(batch())).hasMessage("TypeError: the table is gone");
        }
    }

    @Test
    void aRuntimeTheSandboxCannotRunIsNotEmulatedWithTheReason(@TempDir Path dir) throws Exception {
        Path code = Files.createDirectories(dir.resolve("billing"));
        assertThat(function("provided.al2023", "bootstrap", code).notRunnableReason())
                .contains("runtime provided.al2023 is not emulated (Java, Python and Node.js are)");
        assertThat(FunctionRuntimes.notEmulated("go1.x")).isPresent();
        assertThat(FunctionRuntimes.notEmulated("python3.12")).isEqualTo(Optional.empty());
    }
}
