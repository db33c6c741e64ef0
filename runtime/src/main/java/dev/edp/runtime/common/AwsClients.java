package dev.edp.runtime.common;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Builds AWS SDK clients the way a Lambda function wants them: on the URL-connection HTTP client (no Apache or Netty
 * on the class path, the smallest jar and the fastest cold start), credentials and region straight from the
 * variables Lambda sets instead of probing the whole provider chain, and built once per execution environment (a
 * handler builds them in its constructor, never in static init, so SnapStart snapshots them ready).
 *
 * <p>Everything is read from the environment map this instance is given, never from the process behind its back:
 * Lambda passes the process environment, the local sandbox ({@code ./edp local}) passes each function's own
 * variables in one JVM. Locally, {@code AWS_ENDPOINT_URL} (the SDK's standard variable) points every client at an
 * emulator; S3 then switches to path-style addressing, which emulators such as moto need.
 */
public final class AwsClients {

    private final Map<String, String> env;
    private final SdkHttpClient http;

    public AwsClients(Map<String, String> env) {
        this(env, UrlConnectionHttpClient.builder().build());
    }

    private AwsClients(Map<String, String> env, SdkHttpClient http) {
        this.env = env;
        this.http = http;
    }

    /**
     * Clients whose transport sends nothing and answers every call with an empty success ({@link PrimingHttpClient}),
     * with made-up credentials for the signer: for SnapStart priming only, to run a handler's business step once
     * before the snapshot without touching any resource.
     */
    public static AwsClients forPriming() {
        return forPriming(new byte[0]);
    }

    /** The same, with S3 answering every {@code GET} with {@code objectBody} (a made-up report for CUR's priming). */
    public static AwsClients forPriming(byte[] objectBody) {
        return new AwsClients(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "priming",
                "AWS_SECRET_ACCESS_KEY", "priming"), new PrimingHttpClient(objectBody));
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

    /**
     * The longest a DynamoDB call may take, retries included, before it fails instead. The CUR ledger checks its
     * lease's clock before each write and stops 60 s before the lease ends (its fence), so that no write of a holder
     * lands after another ingest may take over; without a bound, a write that passed the fence could still be in
     * flight (a stalled connection, the SDK's retries) and land after the takeover. 20 s leaves 40 s of that margin;
     * DynamoDB answers in milliseconds, and a batch of 25 items of 400 KB is 10 MB.
     */
    public static final Duration DYNAMODB_CALL_TIMEOUT = Duration.ofSeconds(20);

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.apiCallTimeout(DYNAMODB_CALL_TIMEOUT))
                .build();
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
        String endpoint = env.get("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.trim()));
        }
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        // In Lambda the role's credentials are in the environment: take them from there instead of letting the
        // provider chain probe (files, containers, instance metadata).
        String accessKey = env.get("AWS_ACCESS_KEY_ID");
        String secretKey = env.get("AWS_SECRET_ACCESS_KEY");
        if (accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank()) {
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(accessKey, secretKey)
                    : AwsSessionCredentials.create(accessKey, secretKey, token));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
