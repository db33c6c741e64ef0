package dev.edp.sandbox.emulator;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
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
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * AWS SDK clients for every service the sandbox touches, all pointed at the sandbox endpoint, signed with one
 * identity (the {@link SandboxAdmin}'s key, or before IAM is enforced any key), in the stack's region. Thread-safe;
 * built once per sandbox and identity.
 *
 * @param endpoint    the sandbox endpoint (never moto directly: events put on the bus must pass the endpoint)
 * @param region      the stack's {@code aws:region}
 * @param credentials what every client signs with
 */
public record EmulatorClients(URI endpoint, String region, AwsCredentialsProvider credentials, S3Client s3,
                              SqsClient sqs, SnsClient sns, EventBridgeClient events, DynamoDbClient dynamo,
                              KmsClient kms, SfnClient sfn, FirehoseClient firehose, CloudWatchLogsClient logs,
                              IamClient iam, StsClient sts) {

    public static EmulatorClients of(URI endpoint, String region, AwsCredentialsProvider credentials) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .socketTimeout(Duration.ofMinutes(2))
                .build();
        Factory f = new Factory(endpoint, Region.of(region), http, credentials);
        return new EmulatorClients(endpoint, region, credentials,
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
                f.configure(IamClient.builder()).region(Region.AWS_GLOBAL).build(),
                f.configure(StsClient.builder()).build());
    }

    /**
     * An SQS client for the sandbox endpoint signed with other credentials (an event source mapping polls with its
     * function's role, as Lambda does).
     */
    public SqsClient sqsAs(AwsCredentialsProvider identity) {
        return new Factory(endpoint, Region.of(region), UrlConnectionHttpClient.builder()
                .socketTimeout(Duration.ofMinutes(2)).build(), identity).configure(SqsClient.builder()).build();
    }

    /**
     * The variables a function running in the sandbox gets on top of its own: what Lambda sets (the region; the
     * credentials are its role's, see {@code functions.RoleCredentials}) plus the SDK's standard
     * {@code AWS_ENDPOINT_URL}, which points its clients here.
     */
    public Map<String, String> lambdaVariables() {
        return Map.of(
                "AWS_REGION", region,
                "AWS_DEFAULT_REGION", region,
                "AWS_ENDPOINT_URL", endpoint.toString());
    }

    private record Factory(URI endpoint, Region region, SdkHttpClient http, AwsCredentialsProvider credentials) {
        <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
            return builder.endpointOverride(endpoint)
                    .region(region)
                    .credentialsProvider(credentials)
                    .httpClient(http);
        }
    }
}
