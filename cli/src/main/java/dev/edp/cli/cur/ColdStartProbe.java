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
 * batch) and prints when the batch was handled. Uses nothing but the runtime jar's classes.
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
        CurIngestHandler handler = new CurIngestHandler();
        long constructed = ManagementFactory.getRuntimeMXBean().getUptime();
        SQSBatchResponse response = handler.handleRequest(event, null);
        System.out.println("HANDLED failures=" + response.getBatchItemFailures().size()
                + " constructed_ms=" + constructed + " uptime_ms=" + ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
