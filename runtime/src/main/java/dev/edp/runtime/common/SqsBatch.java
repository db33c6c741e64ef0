package dev.edp.runtime.common;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * SQS batch processing with partial batch failures: each record is handled on its own, and only the ids of the
 * records that failed are returned, so Lambda deletes the others and only the failed ones become visible again (and
 * reach the dead-letter queue after the queue's maxReceiveCount). Requires {@code ReportBatchItemFailures} on the
 * event source mapping.
 *
 * <p>An {@link Error} (out of memory, for instance) is not caught: the whole invocation fails and Lambda retries the
 * whole batch, which is the only safe answer when the JVM itself is in doubt.
 */
public final class SqsBatch {

    /** Handles one record; throwing marks that record, and only that one, as failed. */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(SQSEvent.SQSMessage record) throws Exception;
    }

    /** Told about each failed record, e.g. to log it; the record is reported as failed whatever it does. */
    @FunctionalInterface
    public interface FailureListener {
        void failed(SQSEvent.SQSMessage record, Exception error);
    }

    private SqsBatch() {
    }

    public static SQSBatchResponse process(SQSEvent event, RecordHandler handler, FailureListener onFailure) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            try {
                handler.handle(record);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                onFailure.failed(record, e);
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** How many times SQS has delivered this record, counting this delivery (1 on the first). */
    public static int receiveCount(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
