package dev.edp.cli.cur;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.runtime.cur.CurIngestHandler;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of {@link ColdStartCommand}: on a class path of the Lambda jar and this class only, it does what
 * Lambda's Java runtime does on a cold start (construct the handler with its no-arg constructor, hand it one SQS
 * batch) and prints when the batch was handled. With {@code --primed}, it first runs the handler's SnapStart priming
 * (what the CRaC {@code beforeCheckpoint} hook runs before Lambda's snapshot), so {@code batch_ms} is the proxy for
 * a restored snapshot's first batch. Uses nothing but the runtime jar's classes.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode records = new ObjectMapper().readTree(Files.readString(Path.of(args[0]))).path("Records");
        SQSEvent event = new SQSEvent();
        event.setRecords(new java.util.ArrayList<>());
        for (JsonNode node : records) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(node.path("messageId").asText());
            record.setBody(node.path("body").asText());
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            record.setEventSource("aws:sqs");
            event.getRecords().add(record);
        }
        boolean primed = args.length > 1 && args[1].equals("--primed");
        CurIngestHandler handler = new CurIngestHandler();
        long constructed = ManagementFactory.getRuntimeMXBean().getUptime();
        if (primed) {
            handler.prime(); // what SnapStart's beforeCheckpoint hook runs before the snapshot
        }
        long ready = ManagementFactory.getRuntimeMXBean().getUptime();
        long started = System.nanoTime();
        SQSBatchResponse response = handler.handleRequest(event, null);
        long batch = (System.nanoTime() - started) / 1_000_000;
        System.out.println("HANDLED failures=" + response.getBatchItemFailures().size()
                + " constructed_ms=" + constructed + " primed=" + primed + " ready_ms=" + ready + " batch_ms=" + batch
                + " uptime_ms=" + ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
