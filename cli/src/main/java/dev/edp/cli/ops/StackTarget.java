package dev.edp.cli.ops;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.net.URI;
import java.util.Optional;

/**
 * Where an operations command acts: a stack's outputs and how to reach its AWS account.
 *
 * @param stack       the stack's name
 * @param outputs     its outputs
 * @param endpoint    an endpoint override (the local sandbox); empty: the SDK's own resolution, which honours
 *                    {@code AWS_ENDPOINT_URL}
 * @param region      the region; empty: the SDK's default region chain ({@code AWS_REGION}, profile, ...)
 * @param credentials the credentials; empty: the SDK's default credentials chain
 * @param description how the target was found, printed by every command so the operator sees where they act
 */
public record StackTarget(String stack, StackOutputs outputs, Optional<URI> endpoint, Optional<String> region,
                          Optional<AwsCredentialsProvider> credentials, String description) {
}
