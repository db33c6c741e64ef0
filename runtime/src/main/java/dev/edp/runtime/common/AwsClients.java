package dev.edp.runtime.common;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.Map;

/**
 * Builds AWS SDK clients the way a Lambda function wants them: on the URL-connection HTTP client (no Apache or Netty
 * on the class path, the smallest jar and the fastest cold start), credentials and region straight from the
 * variables Lambda sets instead of probing the whole provider chain, and built once per execution environment (a
 * handler builds them in its constructor, never in static init, so SnapStart snapshots them ready).
 *
 * <p>Locally, the SDK's standard {@code AWS_ENDPOINT_URL} points every client at an emulator; S3 then switches to
 * path-style addressing, which emulators such as moto need.
 */
public final class AwsClients {

    private final Map<String, String> env;
    private final SdkHttpClient http;

    public AwsClients(Map<String, String> env) {
        this.env = env;
        this.http = UrlConnectionHttpClient.builder().build();
    }

    /** Clients for the process environment. */
    public static AwsClients fromEnvironment() {
        return new AwsClients(System.getenv());
    }

    public S3Client s3() {
        return configure(S3Client.builder())
                .forcePathStyle(env.containsKey("AWS_ENDPOINT_URL"))
                .build();
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    public SfnClient sfn() {
        return configure(SfnClient.builder()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.httpClient(http).credentialsProvider(credentials());
        String region = env.get("AWS_REGION");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        // In Lambda the role's credentials are in the environment: skip the provider chain's probing.
        return env.containsKey("AWS_LAMBDA_FUNCTION_NAME")
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }
}
