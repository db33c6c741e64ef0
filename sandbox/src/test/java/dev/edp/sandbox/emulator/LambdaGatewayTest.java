package dev.edp.sandbox.emulator;

import dev.edp.sandbox.functions.LocalContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:edp-dev-wf-validate";

    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer emulator;
    private LambdaGateway gateway;

    @BeforeEach
    void start() throws IOException {
        emulator = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        emulator.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("emulator got " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(body, StandardCharsets.UTF_8) + " target=" + exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("x-amzn-RequestId", "req-1");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        emulator.createContext("/headers", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = ("host=" + exchange.getRequestHeaders().getFirst("Host") + "\nauthorization="
                    + exchange.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        emulator.start();
        gateway = LambdaGateway.start().forwardTo(URI.create("http://127.0.0.1:" + emulator.getAddress().getPort()));
        gateway.register("edp-dev-wf-validate", (in, out, context) -> {
            JsonNode input = JSON.readTree(in);
            if (input.has("fail")) {
                throw new IllegalArgumentException("detail.priority: not allowed");
            }
            out.write(JSON.writeValueAsBytes(JSON.createObjectNode().put("seen", input.path("value").asText())));
        }, () -> new LocalContext("edp-dev-wf-validate", 512, 30_000));
    }

    @AfterEach
    void stop() {
        gateway.close();
        emulator.stop(0);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("X-Amz-Target", "AWSEvents.PutEvents")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String invokePath(String function) {
        return "/2015-03-31/functions/" + URLEncoder.encode(function, StandardCharsets.UTF_8) + "/invocations";
    }

    @Test
    void anInvokeByArnRunsTheRegisteredHandlerOnThePayload() throws Exception {
        HttpResponse<String> response = post(invokePath(ARN), "{\"value\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        assertThat(JSON.readTree(response.body()).path("seen").asText()).isEqualTo("x");
        assertThat(gateway.invocations("edp-dev-wf-validate")).containsExactly("{\"value\": \"x\"}");
    }

    @Test
    void aHandlerExceptionIsAnsweredAsLambdaReportsAnUnhandledError() throws Exception {
        HttpResponse<String> response = post(invokePath("edp-dev-wf-validate"), "{\"fail\": true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).contains("Unhandled");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("detail.priority: not allowed");
        assertThat(error.path("stackTrace").isArray()).isTrue();
    }

    @Test
    void everyOtherRequestGoesToTheEmulatorUnchanged() throws Exception {
        HttpResponse<String> response = post("/?Action=Publish", "Message=hi");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("emulator got POST /?Action=Publish Message=hi target=AWSEvents.PutEvents");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).contains("req-1");
    }

    private HttpResponse<String> signedBy(String accessKey) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/headers"))
                .header("X-Amz-Date", "20261202T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/20261202/us-east-1/sns/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=0123")
                .POST(HttpRequest.BodyPublishers.ofString("Action=Publish&Message=hi")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHostTheClientSignedReachesTheEmulatorWithTheSignature() throws Exception {
        HttpResponse<String> response = signedBy("AKIAFUNCTION");

        assertThat(response.body()).isEqualTo("host=127.0.0.1:" + gateway.port() + "\nauthorization=AWS4-HMAC-SHA256"
                + " Credential=AKIAFUNCTION/20261202/us-east-1/sns/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123");
    }

    @Test
    void theStepFunctionsInterpretersRequestsAreSignedAgainAsTheGivenIdentity() throws Exception {
        gateway.signInterpreterCallsWith(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAADMIN", "secret")));

        String authorization = signedBy(InterpreterSigner.INTERPRETER_ACCESS_KEY).body().split("\nauthorization=")[1];

        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIAADMIN/")
                .contains("/us-east-1/sns/aws4_request").doesNotContain("Signature=0123");
        assertThat(signedBy("AKIAFUNCTION").body()).as("anyone else's signature is theirs").contains("Credential=AKIAFUNCTION/");
    }

    @Test
    void anInvokeOfAnUnregisteredFunctionGoesToTheEmulator() throws Exception {
        HttpResponse<String> response = post(invokePath("someone-elses-function"), "{}");

        assertThat(response.body()).startsWith("emulator got POST /2015-03-31/functions/someone-elses-function/invocations");
    }

    @Test
    void functionNamesAreReadFromNamesAndArns() {
        assertThat(LambdaGateway.functionName("edp-dev-wf-validate")).isEqualTo("edp-dev-wf-validate");
        assertThat(LambdaGateway.functionName(ARN)).isEqualTo("edp-dev-wf-validate");
        assertThat(LambdaGateway.functionName(ARN + ":live")).isEqualTo("edp-dev-wf-validate");
    }
}
