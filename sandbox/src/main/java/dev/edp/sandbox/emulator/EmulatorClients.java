package dev.edp.sandbox.emulator;

import dev.edp.testing.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * AWS SDK clients for every service the sandbox touches, all pointed at the sandbox endpoint, with moto's test
 * credentials and the stack's region. Thread-safe; built once per sandbox.
 *
 * @param endpoint the sandbox endpoint (never moto directly: events put on the bus must pass the endpoint)
 * @param region   the stack's {@code aws:region}
 */
public record EmulatorClients(URI endpoint, String region, S3Client s3, SqsClient sqs, SnsClient sns,
                              EventBridgeClient events, DynamoDbClient dynamo, KmsClient kms, SfnClient sfn,
                              FirehoseClient firehose, CloudWatchLogsClient logs, IamClient iam) {

    public static EmulatorClients of(URI endpoint, String region) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .socketTimeout(Duration.ofMinutes(2))
                .build();
        Factory f = new Factory(endpoint, Region.of(region), http);
        return new EmulatorClients(endpoint, region,
                f.configure(S3Client.builder()).forcePathStyle(true).build(),
                f.configure(SqsClient.builder()).build(),
                f.configure(SnsClient.builder()).build(),
                f.configure(EventBridgeClient.builder()).build(),
                f.configure(DynamoDbClient.builder()).build(),
                f.configure(KmsClient.builder()).build(),
                f.configure(SfnClient.builder()).build(),
                f.configure(FirehoseClient.builder()).build(),
                f.configure(CloudWatchLogsClient.builder()).build(),
                // IAM is global: its endpoint takes the global region.
                f.configure(IamClient.builder()).region(Region.AWS_GLOBAL).build());
    }

    /**
     * The variables a function running in the sandbox gets on top of its own: what Lambda sets (region,
     * credentials) plus the SDK's standard {@code AWS_ENDPOINT_URL}, which points its clients here.
     */
    public Map<String, String> lambdaVariables() {
        return Map.of(
                "AWS_REGION", region,
                "AWS_DEFAULT_REGION", region,
                "AWS_ACCESS_KEY_ID", MotoServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", MotoServer.SECRET_KEY,
                "AWS_ENDPOINT_URL", endpoint.toString());
    }

    private record Factory(URI endpoint, Region region, SdkHttpClient http) {
        <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
            return builder.endpointOverride(endpoint)
                    .region(region)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                    .httpClient(http);
        }
    }
}
