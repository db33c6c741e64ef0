package dev.edp.sandbox.functions;

import dev.edp.sandbox.deploy.Deployment;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalFunctionsTest {

    private static GraphResource function(String name, Map<String, Object> variables) {
        return new GraphResource("urn:" + name, LocalFunctions.FUNCTION, name, "urn:edp", Map.of(
                "handler", "dev.edp.runtime.cur.CurIngestHandler::handleRequest",
                "role", "arn:aws:iam::123456789012:role/" + name + "-role",
                "memorySize", 1769.0, "timeout", 900.0,
                "environment", Map.of("variables", variables),
                "loggingConfig", Map.of("logGroup", "/edp/edp/dev/" + name)), List.of(), Map.of());
    }

    private static LocalFunctions functions() {
        Deployment deployment = new Deployment();
        deployment.record(LocalFunctions.FUNCTION, "edp-cur-ingest-fn", Placed.local("edp-cur-ingest-fn-1a2b3c4", "x"));
        deployment.record(LocalFunctions.FUNCTION, "edp-wf-validate-fn", Placed.local("edp-wf-validate-fn-5d6e7f8", "x"));
        ResourceGraph graph = new ResourceGraph("dev", List.of(
                new GraphResource("urn:edp", "edp:index:EventDrivenPattern", "edp", null, Map.of(), List.of(), Map.of()),
                function("edp-cur-ingest-fn", Map.of("EDP_CONSUMER", "cur-ingest", "EDP_TABLE_NAME", "edp-table-9")),
                function("edp-wf-validate-fn", Map.of("EDP_TABLE_NAME", "edp-table-9"))));
        return LocalFunctions.of(graph, deployment, "us-east-1", "123456789012",
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4510", "AWS_REGION", "us-east-1"),
                new FunctionCode(java.nio.file.Path.of("/nonexistent-project")), SESSIONS);
    }

    /** A session per role: its key names the function and the role it was assumed for. */
    private static final RoleCredentials.Source SESSIONS = new RoleCredentials.Source() {
        @Override
        public Map<String, String> variables(String function, String roleArn) {
            return Map.of("AWS_ACCESS_KEY_ID", "ASIA-" + function, "AWS_SECRET_ACCESS_KEY", "secret-of-" + roleArn,
                    "AWS_SESSION_TOKEN", "token-" + function);
        }

        @Override
        public software.amazon.awssdk.auth.credentials.StaticCredentialsProvider provider(String function, String roleArn) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aFunctionIsFoundByNameArnQualifiedArnOrLogicalName() {
        LocalFunctions functions = functions();
        String arn = "arn:aws:lambda:us-east-1:123456789012:function:edp-cur-ingest-fn-1a2b3c4";

        assertThat(functions.find("edp-cur-ingest-fn-1a2b3c4")).map(LocalFunction::arn).contains(arn);
        assertThat(functions.find(arn)).isPresent();
        assertThat(functions.find(arn + ":live")).isPresent();
        assertThat(functions.find("edp-cur-ingest-fn-1a2b3c4:$LATEST")).isPresent();
        assertThat(functions.find("edp-cur-ingest-fn")).isPresent();
        assertThat(functions.find("arn:aws:lambda:us-east-1:123456789012:function:other")).isEmpty();
    }

    @Test
    void itsEnvironmentIsTheStacksPlusWhatLambdaAndTheSandboxSet() {
        LocalFunction cur = functions().find("edp-cur-ingest-fn").orElseThrow();

        assertThat(cur.environment()).containsEntry("EDP_TABLE_NAME", "edp-table-9")
                .containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:4510")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "edp-cur-ingest-fn-1a2b3c4")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1769")
                .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/edp/edp/dev/edp-cur-ingest-fn");
        assertThat(cur.memoryMb()).isEqualTo(1769);
        assertThat(cur.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/edp-cur-ingest-fn-role");
    }

    @Test
    void eachFunctionRunsWithTheSessionOfItsOwnRole() {
        LocalFunction cur = functions().find("edp-cur-ingest-fn").orElseThrow();
        LocalFunction validate = functions().find("edp-wf-validate-fn").orElseThrow();

        assertThat(cur.environment()).containsEntry("AWS_ACCESS_KEY_ID", "ASIA-edp-cur-ingest-fn-1a2b3c4")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "secret-of-arn:aws:iam::123456789012:role/edp-cur-ingest-fn-role")
                .containsEntry("AWS_SESSION_TOKEN", "token-edp-cur-ingest-fn-1a2b3c4");
        assertThat(validate.environment()).containsEntry("AWS_SECRET_ACCESS_KEY",
                "secret-of-arn:aws:iam::123456789012:role/edp-wf-validate-fn-role");
        assertThat(cur.timeoutSeconds()).isEqualTo(900);
    }

    @Test
    void withoutItsCodeArchiveAFunctionWhoseHandlerIsNotOnTheClassPathIsNotRunnable() {
        // The sandbox does not carry EDP's runtime: a handler comes from its function's code or not at all.
        assertThat(functions().all()).allSatisfy(f -> assertThat(f.runnable()).isFalse());
    }

    @Test
    void aConsumerIsShownByItsNameAndATaskByItsPurpose() {
        assertThat(functions().all()).extracting(LocalFunction::displayName).containsExactly("cur-ingest", "wf-validate");
    }
}
