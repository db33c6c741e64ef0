package dev.edp.sandbox.emulator;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs again, with a real identity, the requests moto's Step Functions interpreter makes for a state machine's
 * service integrations (SNS Publish, EventBridge PutEvents, DynamoDB...). The interpreter signs them with a fixed key
 * ({@code ak}/{@code sk}, moto/stepfunctions/parser/asl/utils/boto_client.py) that no identity of the account owns,
 * so with IAM enforced moto would refuse them all; nor do they say which execution sent them. The sandbox signs
 * them as the identity it is given: the role of the stack's state machine when it has exactly one (its grants are
 * then enforced as on AWS), else the administrator (the roles' grants are then checked by the policy pack only).
 */
final class InterpreterSigner {

    /** The access key moto's interpreter signs with. */
    static final String INTERPRETER_ACCESS_KEY = "ak";

    private static final Pattern SCOPE = Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    /** Headers of the old signature, replaced by the new one. */
    private static final Set<String> SIGNATURE_HEADERS = Set.of("authorization", "x-amz-date", "x-amz-security-token",
            "x-amz-content-sha256");

    private final AwsCredentialsProvider identity;

    InterpreterSigner(AwsCredentialsProvider identity) {
        this.identity = identity;
    }

    /** Whether moto's interpreter signed a request with this {@code Authorization} header. */
    static boolean signedByInterpreter(String authorization) {
        Matcher scope = authorization == null ? null : SCOPE.matcher(authorization);
        return scope != null && scope.find() && scope.group(1).equals(INTERPRETER_ACCESS_KEY);
    }

    /**
     * The request's headers signed as the identity, for {@code host} (the Host the request is forwarded with) and
     * the same service and region the interpreter signed for.
     */
    Map<String, List<String>> resign(String method, String host, String pathAndQuery, Map<String, List<String>> headers,
                                     byte[] body) {
        Map<String, List<String>> unsigned = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (!SIGNATURE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                unsigned.put(name, values);
            }
        });
        Matcher scope = SCOPE.matcher(first(headers, "Authorization"));
        if (!scope.find()) {
            throw new IllegalArgumentException("not a SigV4 Authorization header");
        }
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create("http://" + host + pathAndQuery))
                .headers(unsigned)
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                        .identity(identity.resolveCredentials())
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, scope.group(2))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, scope.group(3)))
                .request();
        Map<String, List<String>> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        result.putAll(signed.headers());
        result.remove("Host");
        return result;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse("");
    }
}
