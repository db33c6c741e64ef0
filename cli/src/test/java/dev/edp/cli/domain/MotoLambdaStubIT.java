package dev.edp.cli.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.reference.workflow.WorkflowDefinition;
import dev.edp.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What moto 5.2.5's own Lambda does without Docker ({@code {"lambda": {"use_docker": false}}}), pinned because it is
 * why the workflow tests use {@code LambdaGateway} instead: moto/awslambda_simple/models.py answers every invoke with
 * the request's payload (or a canned result queued through /moto-api/static/lambda-simple/response), and never
 * runs the function's code. A Java task handler is never called, so a workflow run on the stub "succeeds" on input
 * that ValidateInput would refuse. If a moto upgrade changes this, this test says so.
 */
class MotoLambdaStubIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::" + MotoServer.ACCOUNT + ":role/edp-dev-lambda";

    private static final String BUS = "stub-bus";

    private static MotoServer moto;
    private static LambdaClient lambda;
    private static SfnClient sfn;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.start();
        moto.configure("{\"lambda\": {\"use_docker\": false}, \"stepfunctions\": {\"execute_state_machine\": true}}");
        IamClient iam = IamClient.builder().endpointOverride(moto.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        iam.createRole(b -> b.roleName("edp-dev-lambda").assumeRolePolicyDocument("{}"));
        lambda = LambdaClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        sfn = SfnClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        SdkBytes code = SdkBytes.fromByteArray(zip());
        for (String name : new String[]{WorkflowOnMoto.VALIDATE, WorkflowOnMoto.PROCESS_ORDER,
                WorkflowOnMoto.RESERVE_INVENTORY, WorkflowOnMoto.HANDLE_ERROR}) {
            lambda.createFunction(b -> b.functionName(name).runtime("java21").role(ROLE)
                    .handler("dev.edp.runtime.workflow.ValidateInputHandler::handleRequest")
                    .code(c -> c.zipFile(code)));
        }
    }

    @AfterAll
    static void stop() {
        moto.close();
    }

    @Test
    void anInvokeReturnsItsOwnPayloadAndRunsNoCode() throws Exception {
        String invalid = invalidTrigger().toString();

        InvokeResponse response = lambda.invoke(b -> b.functionName(WorkflowOnMoto.VALIDATE)
                .payload(SdkBytes.fromUtf8String(invalid)));

        assertThat(response.functionError()).isNull();
        assertThat(JSON.readTree(response.payload().asUtf8String())).isEqualTo(JSON.readTree(invalid));
    }

    @Test
    void soOnTheStubTheWorkflowAcceptsInputThatValidateInputRefuses() throws Exception {
        String definition = WorkflowDefinition.render(new WorkflowDefinition.Targets("aws",
                functionArn(WorkflowOnMoto.VALIDATE), functionArn(WorkflowOnMoto.PROCESS_ORDER),
                functionArn(WorkflowOnMoto.RESERVE_INVENTORY), functionArn(WorkflowOnMoto.HANDLE_ERROR),
                "arn:aws:sns:us-east-1:" + MotoServer.ACCOUNT + ":unused", BUS, 3600));
        String machine = sfn.createStateMachine(b -> b.name("stub-workflow").definition(definition)
                .roleArn(ROLE)).stateMachineArn();
        // Let the two service tasks of this path succeed: the bus PublishResult writes to must exist.
        software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder().endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
                .build().createEventBus(b -> b.name(BUS));

        String input = invalidTrigger().toString();
        String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("stub").input(input)).executionArn();
        DescribeExecutionResponse result = awaitEnd(execution);

        assertThat(result.status()).as("the stub never validated anything").isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = JSON.readTree(result.output());
        assertThat(output.at("/validation/result/detail/priority").asText())
                .as("ValidateInput's 'result' is its own input, echoed").isEqualTo("urgent");
    }

    private static String functionArn(String name) {
        return "arn:aws:lambda:us-east-1:" + MotoServer.ACCOUNT + ":function:" + name;
    }

    private static ObjectNode invalidTrigger() throws Exception {
        ObjectNode event = DomainOnMoto.example("workflow-triggered");
        ((ObjectNode) event.get("detail")).put("priority", "urgent");
        return event;
    }

    private static DescribeExecutionResponse awaitEnd(String execution) throws InterruptedException {
        long deadline = System.nanoTime() + WorkflowOnMoto.PATIENCE.toNanos();
        DescribeExecutionResponse result = sfn.describeExecution(b -> b.executionArn(execution));
        while (result.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
            result = sfn.describeExecution(b -> b.executionArn(execution));
        }
        return result;
    }

    private static byte[] zip() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write("moto's stub never opens this".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY));
    }
}
