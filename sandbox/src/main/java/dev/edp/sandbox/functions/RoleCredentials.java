package dev.edp.sandbox.functions;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials a function runs with: its execution role's, assumed with STS on the emulator as Lambda assumes
 * it, and handed to the function as Lambda hands them: {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}
 * and {@code AWS_SESSION_TOKEN} in its environment (a subprocess's process environment; an in-process handler's
 * environment map, from which its SDK clients take them, see the runtime's {@code AwsClients}). With moto's IAM
 * access control on, every call the handler makes is then allowed or refused by its role's identity policies.
 *
 * <p>moto does not expire the sessions it issues, so a long sandbox never needs to refresh them.
 */
public final class RoleCredentials {

    /** The environment variables of a role's session. */
    public interface Source {
        /** The variables for {@code function} running as {@code roleArn}. */
        Map<String, String> variables(String function, String roleArn);

        /** The same session as an SDK credentials provider (an event source mapping polls with it). */
        StaticCredentialsProvider provider(String function, String roleArn);
    }

    private RoleCredentials() {
    }

    /** Sessions assumed through {@code sts} (signed by an identity every role trusts), one per function. */
    public static Source assumedWith(StsClient sts) {
        Map<String, Credentials> sessions = new ConcurrentHashMap<>();
        return new Source() {
            private Credentials session(String function, String roleArn) {
                if (roleArn == null || roleArn.isBlank()) {
                    throw new IllegalStateException("function " + function + " has no role: Lambda needs one to run it");
                }
                return sessions.computeIfAbsent(function + "\n" + roleArn, k -> sts.assumeRole(b -> b.roleArn(roleArn)
                        .roleSessionName(sessionName(function))).credentials());
            }

            @Override
            public Map<String, String> variables(String function, String roleArn) {
                if (roleArn == null || roleArn.isBlank()) {
                    return Map.of(); // no role, no credentials: every call it makes is refused, as on AWS
                }
                Credentials c = session(function, roleArn);
                return Map.of("AWS_ACCESS_KEY_ID", c.accessKeyId(), "AWS_SECRET_ACCESS_KEY", c.secretAccessKey(),
                        "AWS_SESSION_TOKEN", c.sessionToken());
            }

            @Override
            public StaticCredentialsProvider provider(String function, String roleArn) {
                Credentials c = session(function, roleArn);
                return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey(), c.sessionToken()));
            }
        };
    }

    /** Lambda names the session after the function; STS allows 64 characters of {@code [\w+=,.@-]}. */
    static String sessionName(String function) {
        String name = function.replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name.length() < 2 ? name + "-fn" : name;
    }
}
