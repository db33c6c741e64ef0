package dev.edp.cli.dlq;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksRequest;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResponse;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.StartMessageMoveTaskRequest;
import software.amazon.awssdk.services.sqs.model.StartMessageMoveTaskResponse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The move-task mechanism's control flow. moto 5.2.5 does not implement message move tasks (DlqRedriveIT pins
 * that), so SQS's answers are scripted here from the API reference: a task RUNNING then COMPLETED or FAILED, and an
 * already running task followed instead of a second one started.
 */
class MoveTaskRedriveTest {

    private static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:orders-dlq";
    private static final String SOURCE = "arn:aws:sqs:us-east-1:123456789012:orders";

    /** SQS's move-task actions, answering from a script. */
    private static class ScriptedSqs implements SqsClient {
        final Deque<List<ListMessageMoveTasksResultEntry>> listings = new ArrayDeque<>();
        final List<StartMessageMoveTaskRequest> started = new ArrayList<>();

        @Override
        public StartMessageMoveTaskResponse startMessageMoveTask(StartMessageMoveTaskRequest request) {
            started.add(request);
            return StartMessageMoveTaskResponse.builder().taskHandle("task-1").build();
        }

        @Override
        public ListMessageMoveTasksResponse listMessageMoveTasks(ListMessageMoveTasksRequest request) {
            assertThat(request.sourceArn()).isEqualTo(DLQ);
            List<ListMessageMoveTasksResultEntry> next = listings.size() > 1 ? listings.poll() : listings.peek();
            return ListMessageMoveTasksResponse.builder().results(next).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    private static ListMessageMoveTasksResultEntry task(String handle, String status, long moved, long toMove,
                                                        String failure) {
        return ListMessageMoveTasksResultEntry.builder().taskHandle(handle).status(status).sourceArn(DLQ)
                .destinationArn(SOURCE).approximateNumberOfMessagesMoved(moved)
                .approximateNumberOfMessagesToMove(toMove).failureReason(failure).build();
    }

    private static MoveTaskRedrive redrive(ScriptedSqs sqs, ByteArrayOutputStream progress) {
        return new MoveTaskRedrive(sqs, Duration.ZERO, new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @Test
    void startsATaskToTheSourceQueueAndFollowsItToCompletion() throws Exception {
        ScriptedSqs sqs = new ScriptedSqs();
        sqs.listings.add(List.of(task("old", "COMPLETED", 3, 3, null)));
        sqs.listings.add(List.of(task("task-1", "RUNNING", 2, 6, null), task("old", "COMPLETED", 3, 3, null)));
        sqs.listings.add(List.of(task("task-1", "COMPLETED", 6, 6, null), task("old", "COMPLETED", 3, 3, null)));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        MoveTaskRedrive.Outcome outcome = redrive(sqs, progress).run(DLQ, SOURCE);

        assertThat(sqs.started).singleElement().satisfies(r -> {
            assertThat(r.sourceArn()).isEqualTo(DLQ);
            assertThat(r.destinationArn()).isEqualTo(SOURCE);
        });
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.moved()).isEqualTo(6);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("started move task task-1")
                .contains("2 of ~6 moved");
    }

    @Test
    void aTaskAlreadyRunningIsFollowedNotDuplicated() throws Exception {
        ScriptedSqs sqs = new ScriptedSqs();
        sqs.listings.add(List.of(task("theirs", "RUNNING", 1, 4, null)));
        sqs.listings.add(List.of(task("theirs", "RUNNING", 1, 4, null)));
        sqs.listings.add(List.of(task("theirs", "COMPLETED", 4, 4, null)));

        MoveTaskRedrive.Outcome outcome = redrive(sqs, new ByteArrayOutputStream()).run(DLQ, SOURCE);

        assertThat(sqs.started).isEmpty();
        assertThat(outcome.taskHandle()).isEqualTo("theirs");
        assertThat(outcome.moved()).isEqualTo(4);
    }

    @Test
    void aFailedTaskIsReportedWithSqsReason() throws Exception {
        ScriptedSqs sqs = new ScriptedSqs();
        sqs.listings.add(List.of());
        sqs.listings.add(List.of(task("task-1", "FAILED", 2, 6, "AccessDenied: kms:GenerateDataKey")));

        MoveTaskRedrive.Outcome outcome = redrive(sqs, new ByteArrayOutputStream()).run(DLQ, SOURCE);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.status()).isEqualTo("FAILED");
        assertThat(outcome.failureReason()).contains("AccessDenied: kms:GenerateDataKey");
    }

    @Test
    void onlyAnEndpointThatDoesNotKnowTheActionCountsAsUnsupported() {
        assertThat(MoveTaskSupport.unsupportedReason(failing(400, "InvalidAction"), DLQ))
                .hasValueSatisfying(r -> assertThat(r).contains("HTTP 400, InvalidAction"));
        assertThat(MoveTaskSupport.unsupportedReason(failing(500, null), DLQ))
                .hasValueSatisfying(r -> assertThat(r).contains("HTTP 500, no AWS error code"));
        // Denied, throttled or a real AWS outage: not a reason to switch mechanisms silently.
        assertThatThrownBy(() -> MoveTaskSupport.unsupportedReason(failing(403, "AccessDenied"), DLQ))
                .isInstanceOf(SqsException.class);
        assertThatThrownBy(() -> MoveTaskSupport.unsupportedReason(failing(500, "InternalError"), DLQ))
                .isInstanceOf(SqsException.class);
    }

    private static SqsClient failing(int status, String code) {
        return new ScriptedSqs() {
            @Override
            public ListMessageMoveTasksResponse listMessageMoveTasks(ListMessageMoveTasksRequest request) {
                throw (SqsException) SqsException.builder().statusCode(status)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("scripted").build())
                        .build();
            }
        };
    }
}
