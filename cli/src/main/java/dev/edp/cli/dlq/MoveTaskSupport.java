package dev.edp.cli.dlq;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Optional;
import java.util.Set;

/**
 * Whether the endpoint implements SQS message move tasks, asked with the read-only {@code ListMessageMoveTasks}.
 * An endpoint that does not know the action (moto 5.2.5 answers HTTP 500 with a NotImplementedError page; other
 * emulators answer InvalidAction or UnknownOperation) does not support it. Any other error (access denied,
 * throttling, a real outage) is not taken as "unsupported": it fails, so the mechanism is never switched by accident.
 */
final class MoveTaskSupport {

    static final Set<String> UNKNOWN_ACTION_CODES = Set.of("InvalidAction", "UnknownOperationException",
            "UnsupportedOperation", "NotImplemented", "InvalidAction.NotImplemented");

    private MoveTaskSupport() {
    }

    /** Empty if supported; else why not. */
    static Optional<String> unsupportedReason(SqsClient sqs, String dlqArn) {
        try {
            sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn).maxResults(1));
            return Optional.empty();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            boolean awsShapedError = code != null && !code.isBlank() && !code.matches("\\d+");
            if ((code != null && UNKNOWN_ACTION_CODES.contains(code)) || (!awsShapedError && e.statusCode() >= 500)
                    || e.statusCode() == 404 || e.statusCode() == 501) {
                return Optional.of("the endpoint does not implement ListMessageMoveTasks (HTTP " + e.statusCode()
                        + (awsShapedError ? ", " + code : ", no AWS error code") + ")");
            }
            throw e;
        }
    }
}
