package dev.edp.cli.ops;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The AWS clients of the operations commands, built once per command for one {@link StackTarget}, on the same
 * URL-connection HTTP client as the runtime. Closing closes them all.
 */
public final class OpsClients implements AutoCloseable {

    private final StackTarget target;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final Map<Class<?>, SdkClient> clients = new LinkedHashMap<>();

    public OpsClients(StackTarget target) {
        this.target = target;
    }

    public SqsClient sqs() {
        return client(SqsClient.class, () -> configure(SqsClient.builder()).build());
    }

    public EventBridgeClient events() {
        return client(EventBridgeClient.class, () -> configure(EventBridgeClient.builder()).build());
    }

    public CloudWatchLogsClient logs() {
        return client(CloudWatchLogsClient.class, () -> configure(CloudWatchLogsClient.builder()).build());
    }

    public DynamoDbClient dynamo() {
        return client(DynamoDbClient.class, () -> configure(DynamoDbClient.builder()).build());
    }

    /** Each client is built on first use: a command that never reads logs needs no logs endpoint. */
    private synchronized <C extends SdkClient> C client(Class<C> type, Supplier<C> build) {
        return type.cast(clients.computeIfAbsent(type, t -> build.get()));
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.httpClient(http);
        target.endpoint().ifPresent(builder::endpointOverride);
        target.region().map(Region::of).ifPresent(builder::region);
        target.credentials().ifPresent(builder::credentialsProvider);
        return builder;
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(SdkClient::close);
        http.close();
    }
}
