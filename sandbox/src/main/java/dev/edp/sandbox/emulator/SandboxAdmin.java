package dev.edp.sandbox.emulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The identity the sandbox deploys and operates as: an IAM user of the emulated account with an administrator
 * policy, standing in for whoever runs {@code pulumi up} on AWS. Created while moto still admits unsigned requests,
 * before IAM is enforced; its access key is what the deploy, the sandbox's own pollers and the operations commands
 * sign with ({@code build/local/<stack>/sandbox.json} names it).
 *
 * @param userName        the IAM user's name
 * @param arn             the user's ARN (every role's trust policy on the emulator admits it: the sandbox plays the
 *                        service that assumes the role, e.g. Lambda)
 * @param accessKeyId     its access key
 * @param secretAccessKey the key's secret
 */
public record SandboxAdmin(String userName, String arn, String accessKeyId, String secretAccessKey) {

    static final String USER = "edp-sandbox-admin";

    /**
     * Everything on everything: the sandbox deploys any graph and plays the AWS services that act on the account's
     * behalf (event source mappings' visibility changes, custom-bus deliveries), so no narrower policy fits; it is
     * the emulated account's administrator, never a function's identity.
     */
    static final String ADMINISTRATOR_POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""";

    /** Creates the user, its policy and its access key: three requests, all before IAM is enforced. */
    static SandboxAdmin create(IamClient iam) {
        String arn = iam.createUser(b -> b.userName(USER)).user().arn();
        iam.putUserPolicy(b -> b.userName(USER).policyName("administrator").policyDocument(ADMINISTRATOR_POLICY));
        AccessKey key = iam.createAccessKey(b -> b.userName(USER)).accessKey();
        return new SandboxAdmin(USER, arn, key.accessKeyId(), key.secretAccessKey());
    }

    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }
}
