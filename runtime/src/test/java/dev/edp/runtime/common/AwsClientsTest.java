package dev.edp.runtime.common;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients take everything from the environment they are given, not from the process: two functions in one JVM
 * (the local sandbox) each get their own endpoint, region and credentials.
 */
class AwsClientsTest {

    @Test
    void endpointRegionAndCredentialsComeFromTheGivenEnvironment() {
        AwsClients clients = new AwsClients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4510", "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIDLOCAL", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token"));

        try (DynamoDbClient dynamo = clients.dynamoDb()) {
            var configuration = dynamo.serviceClientConfiguration();
            assertThat(configuration.endpointOverride()).contains(URI.create("http://127.0.0.1:4510"));
            assertThat(configuration.region().id()).isEqualTo("eu-west-1");
            AwsCredentials credentials = (AwsCredentials) configuration.credentialsProvider().resolveIdentity().join();
            assertThat(credentials.accessKeyId()).isEqualTo("AKIDLOCAL");
            assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        }
    }

    @Test
    void withoutAnEndpointTheClientsGoToAws() {
        try (DynamoDbClient dynamo = new AwsClients(Map.of("AWS_REGION", "us-east-1")).dynamoDb()) {
            assertThat(dynamo.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }
}
