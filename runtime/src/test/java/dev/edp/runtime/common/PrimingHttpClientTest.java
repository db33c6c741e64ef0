package dev.edp.runtime.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The priming transport answers each service in its own protocol wherever the SDK points the clients: with the SDK's
 * standard endpoint setting ({@code AWS_ENDPOINT_URL} in the process, here its system property {@code aws.endpointUrl})
 * the priming clients go to that host too, and an S3 read answered with DynamoDB's JSON instead of the report made
 * CUR's rehearsal stop at its first read (so its SnapStart priming left the rest of an ingest cold).
 */
class PrimingHttpClientTest {

    private static final byte[] REPORT = "lineItem/UsageStartDate,lineItem/UsageAccountId\n".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(strings = {"", "http://127.0.0.1:9"})
    void s3ServesTheReportAndDynamoDbAnswersEmptyWhereverTheSdkPointsThem(String endpoint) {
        String before = System.getProperty("aws.endpointUrl");
        if (!endpoint.isEmpty()) {
            System.setProperty("aws.endpointUrl", endpoint);
        }
        AwsClients priming = AwsClients.forPriming(REPORT);
        try (S3Client s3 = priming.s3(); DynamoDbClient dynamo = priming.dynamoDb()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("edp-priming").key("priming/never-a-report.csv")).asByteArray())
                    .isEqualTo(REPORT);
            assertThat(s3.putObject(b -> b.bucket("edp-priming").key("curated/x.csv"), RequestBody.fromString("a,b\n")).eTag())
                    .isNull();
            assertThat(dynamo.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("x")))).hasItem()).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty("aws.endpointUrl");
            } else {
                System.setProperty("aws.endpointUrl", before);
            }
        }
    }
}
