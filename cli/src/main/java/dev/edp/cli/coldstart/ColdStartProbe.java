package dev.edp.cli.coldstart;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

/**
 * The child process of {@link ColdStartCommand}: on a class path of the Lambda jar and this class only, it does what
 * Lambda's Java runtime does on a cold start (construct the handler with its no-arg constructor, hand it one input:
 * an SQS batch, or a workflow task's JSON state) and prints when it was handled. With {@code --primed} it first runs
 * the handler's SnapStart priming ({@code prime()}, what the CRaC {@code beforeCheckpoint} hook runs before Lambda's
 * snapshot), so {@code batch_ms} is the proxy for a restored snapshot's first invocation.
 *
 * <p>Arguments: handler class, {@code sqs} or {@code stream}, input file, {@code --cold} or {@code --primed}, and
 * optionally a second input file, handled after the first. Prints {@code HANDLED ok=… constructed_ms=… ready_ms=…
 * batch_ms=… uptime_ms=… second_ms=…} (uptimes are the JVM's, so its own start is included; -1: no second input).
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> type = Class.forName(args[0]);
        boolean sqs = args[1].equals("sqs");
        byte[] input = Files.readAllBytes(Path.of(args[2]));
        boolean primed = args[3].equals("--primed");
        Object handler = type.getConstructor().newInstance();
        long constructed = uptime();
        if (primed) {
            type.getMethod("prime").invoke(handler); // what SnapStart's beforeCheckpoint hook runs before the snapshot
        }
        long ready = uptime();
        long started = System.nanoTime();
        String outcome = invoke(handler, sqs ? "sqs" : "stream", input);
        long batch = (System.nanoTime() - started) / 1_000_000;
        long handled = uptime();
        // A second input of its own (not a redelivery) in the same JVM: what the handler costs warm, mostly the
        // emulator's time; the first input's time above it is what the JVM still had to load and compile.
        long second = -1;
        if (args.length > 4) {
            long again = System.nanoTime();
            String secondOutcome = invoke(handler, sqs ? "sqs" : "stream", Files.readAllBytes(Path.of(args[4])));
            second = (System.nanoTime() - again) / 1_000_000;
            outcome = outcome.startsWith("ok=true") && secondOutcome.startsWith("ok=true") ? outcome : "ok=false second=" + secondOutcome;
        }
        System.out.println("HANDLED " + outcome + " constructed_ms=" + constructed + " primed=" + primed
                + " ready_ms=" + ready + " batch_ms=" + batch + " uptime_ms=" + handled + " second_ms=" + second);
    }

    /** Hands the handler its input as Lambda would; {@code ok=true} when it handled it. */
    static String invoke(Object handler, String kind, byte[] input) throws Exception {
        return kind.equals("sqs") ? batch(handler, input) : task((RequestStreamHandler) handler, input);
    }

    @SuppressWarnings("unchecked")
    private static String batch(Object handler, byte[] input) throws Exception {
        JsonNode records = new ObjectMapper().readTree(input).path("Records");
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>());
        for (JsonNode node : records) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(node.path("messageId").asText());
            record.setBody(node.path("body").asText());
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            record.setEventSource("aws:sqs");
            event.getRecords().add(record);
        }
        SQSBatchResponse response = ((RequestHandler<SQSEvent, SQSBatchResponse>) handler).handleRequest(event, null);
        return "ok=" + response.getBatchItemFailures().isEmpty() + " failures=" + response.getBatchItemFailures().size();
    }

    private static String task(RequestStreamHandler handler, byte[] input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input), out, null);
        return "ok=true result_bytes=" + out.size();
    }

    private static long uptime() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
