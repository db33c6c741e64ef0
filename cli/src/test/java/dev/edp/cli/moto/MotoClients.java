package dev.edp.cli.moto;

import dev.edp.testing.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** AWS clients pointed at one moto server, or at the sandbox's endpoint (the domain tests share them). */
public final class MotoClients {

    public final S3Client s3;
    public final SqsClient sqs;
    public final EventBridgeClient events;
    public final DynamoDbClient dynamo;
    public final SnsClient sns;
    public final SfnClient sfn;
    public final CloudWatchLogsClient logs;

    public MotoClients(MotoServer moto) {
        s3 = configure(S3Client.builder(), moto).forcePathStyle(true).build();
        sqs = configure(SqsClient.builder(), moto).build();
        events = configure(EventBridgeClient.builder(), moto).build();
        dynamo = configure(DynamoDbClient.builder(), moto).build();
        sns = configure(SnsClient.builder(), moto).build();
        sfn = configure(SfnClient.builder(), moto).build();
        logs = configure(CloudWatchLogsClient.builder(), moto).build();
    }

    /** The sandbox's clients (signed by its administrator: IAM is enforced there). */
    public MotoClients(dev.edp.sandbox.emulator.EmulatorClients sandbox) {
        s3 = sandbox.s3();
        sqs = sandbox.sqs();
        events = sandbox.events();
        dynamo = sandbox.dynamo();
        sns = sandbox.sns();
        sfn = sandbox.sfn();
        logs = sandbox.logs();
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder, MotoServer moto) {
        return builder.endpointOverride(moto.endpoint())
                .region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.builder().build());
    }
}
