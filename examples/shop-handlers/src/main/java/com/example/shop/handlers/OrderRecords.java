package com.example.shop.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch loop both shop consumers share: each SQS record holds one EventBridge event; a record whose order the
 * step refuses is reported in {@code batchItemFailures} (the queue redelivers it, then moves it to the DLQ after
 * maxReceiveCount), the others are done. Every outcome is one JSON log line.
 */
public abstract class OrderRecords implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One order's step; throws to fail the record. */
    protected abstract String handle(JsonNode detail) throws Exception;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            try {
                JsonNode detail = JSON.readTree(record.getBody()).path("detail");
                log("ok", record.getMessageId(), handle(detail));
            } catch (Exception e) {
                log("failed", record.getMessageId(), e.getClass().getSimpleName() + ": " + e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void log(String outcome, String messageId, String message) {
        var line = JSON.createObjectNode().put("level", outcome.equals("ok") ? "INFO" : "ERROR")
                .put("handler", getClass().getSimpleName()).put("messageId", messageId).put("message", message);
        System.out.println(line);
    }
}
