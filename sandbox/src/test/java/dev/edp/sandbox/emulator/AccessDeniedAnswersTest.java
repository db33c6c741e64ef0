package dev.edp.sandbox.emulator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AccessDeniedAnswersTest {

    /** What moto 5.2.5 answers a refused request, whatever the protocol. */
    private static final byte[] MOTO_REFUSAL = ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ErrorResponse><Errors><Error>"
            + "<Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to"
            + " perform: dynamodb:PutItem</Message></Error></Errors><RequestId>x</RequestId></ErrorResponse>")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aJsonProtocolRequestGetsAwsJsonAccessDenied() {
        var answer = AccessDeniedAnswers.asJson("DynamoDB_20120810.PutItem", 403, MOTO_REFUSAL).orElseThrow();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"__type\":\"AccessDeniedException\","
                + "\"message\":\"User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform:"
                + " dynamodb:PutItem\"}");
    }

    @Test
    void queryProtocolRequestsAndOtherAnswersAreLeftAlone() {
        assertThat(AccessDeniedAnswers.asJson(null, 403, MOTO_REFUSAL)).as("query protocol reads XML").isEmpty();
        assertThat(AccessDeniedAnswers.asJson("DynamoDB_20120810.PutItem", 200, MOTO_REFUSAL)).isEmpty();
        assertThat(AccessDeniedAnswers.asJson("DynamoDB_20120810.PutItem", 403,
                "{\"__type\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
