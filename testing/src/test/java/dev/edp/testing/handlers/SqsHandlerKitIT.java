package dev.edp.testing.handlers;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.edp.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kit's SQS semantics, on moto: batches, partial batch failure, SQS's own redrive after maxReceiveCount. */
class SqsHandlerKitIT {

    private static MotoServer moto;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stop() {
        moto.close();
    }

    /** Refuses every record whose body says "bad", in batchItemFailures; handles the others. */
    private static final RequestHandler<SQSEvent, SQSBatchResponse> REFUSES_BAD = (event, context) -> {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            if (m.getBody().contains("bad")) {
                context.getLogger().log("refusing " + m.getMessageId());
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    };

    @Test
    void aRefusedRecordIsRetriedThenRedrivenToTheDlqAfterMaxReceiveCountWhileTheOthersAreDone() {
        try (SqsHandlerKit kit = SqsHandlerKit.on(moto, 3).batchSize(2)) {
            kit.send("{\"n\":1}").send("{\"n\":2,\"bad\":true}").send("{\"n\":3}");
            SqsHandlerKit.Outcome outcome = kit.run(REFUSES_BAD);

            assertThat(outcome.processed()).containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":3}");
            assertThat(outcome.deadLettered()).containsExactly("{\"n\":2,\"bad\":true}");
            assertThat(outcome.batches()).allSatisfy(b -> assertThat(b.bodies()).hasSizeLessThanOrEqualTo(2));
            List<Integer> badReceives = new ArrayList<>();
            outcome.batches().forEach(b -> {
                for (int i = 0; i < b.bodies().size(); i++) {
                    if (b.bodies().get(i).contains("bad")) {
                        badReceives.add(b.receiveCounts().get(i));
                    }
                }
            });
            assertThat(badReceives).as("received exactly maxReceiveCount times").containsExactly(1, 2, 3);
        }
    }

    @Test
    void aHandlerThatThrowsFailsItsWholeBatch() {
        try (SqsHandlerKit kit = SqsHandlerKit.on(moto, 1)) {
            kit.send("a").send("b");
            SqsHandlerKit.Outcome outcome = kit.run((event, context) -> {
                throw new IllegalStateException("the table is gone");
            });
            assertThat(outcome.processed()).isEmpty();
            assertThat(outcome.deadLettered()).containsExactlyInAnyOrder("a", "b");
            assertThat(outcome.batches().get(0).error()).hasMessage("the table is gone");
        }
    }
}
