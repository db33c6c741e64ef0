package dev.edp.runtime.common;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SqsBatchTest {

    @Test
    void eachRecordOnItsOwnAndOnlyFailedIdsReturned() {
        SQSEvent event = event("a", "b", "c");
        List<String> handled = new ArrayList<>();
        List<String> told = new ArrayList<>();

        SQSBatchResponse response = SqsBatch.process(event, record -> {
            handled.add(record.getMessageId());
            if (record.getMessageId().equals("b")) {
                throw new IllegalArgumentException("bad b");
            }
        }, (record, error) -> told.add(record.getMessageId() + ":" + error.getMessage()));

        assertThat(handled).containsExactly("a", "b", "c");
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("b");
        assertThat(told).containsExactly("b:bad b");
    }

    @Test
    void anEmptyEventHasNoFailures() {
        assertThat(SqsBatch.process(new SQSEvent(), record -> { }, (record, error) -> { }).getBatchItemFailures()).isEmpty();
    }

    @Test
    void receiveCountComesFromTheRecordsAttributes() {
        SQSEvent.SQSMessage record = event("a").getRecords().get(0);
        assertThat(SqsBatch.receiveCount(record)).isEqualTo(1);
        record.setAttributes(Map.of("ApproximateReceiveCount", "3"));
        assertThat(SqsBatch.receiveCount(record)).isEqualTo(3);
    }

    private static SQSEvent event(String... ids) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String id : ids) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(id);
            record.setBody("{}");
            records.add(record);
        }
        event.setRecords(records);
        return event;
    }
}
