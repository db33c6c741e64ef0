package dev.edp.sandbox.deploy.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoliciesOnMotoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/edp-table-1";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:123456789012:edp-orders-1";

    private static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void actionsOfServicesMotoChecksOnlyByActionGetAnyResourceAndQueuesKeepTheirs() throws Exception {
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "Table", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": ["%s", "%s/index/*"]},
                  {"Effect": "Allow", "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sns:Publish"], "Resource": "%s"}]}
                """.formatted(TABLE, TABLE, QUEUE);
        JsonNode statements = read(PoliciesOnMoto.identityPolicy(policy)).get("Statement");

        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).get("Action").toString()).isEqualTo("[\"dynamodb:GetItem\",\"dynamodb:PutItem\","
                + "\"dynamodb:TransactGetItems\",\"dynamodb:TransactWriteItems\"]");
        assertThat(statements.get(0).get("Resource").asText()).isEqualTo("*");
        assertThat(statements.get(0).get("Sid").asText()).isEqualTo("Table");
        assertThat(statements.get(1).get("Action").toString())
                .isEqualTo("[\"sqs:ReceiveMessage\",\"sqs:DeleteMessage\",\"sqs:DeleteMessageBatch\"]");
        assertThat(statements.get(1).get("Resource").asText()).as("moto matches queue ARNs").isEqualTo(QUEUE);
        assertThat(statements.get(2).get("Action").toString()).isEqualTo("[\"sns:Publish\",\"sns:PublishBatch\"]");
        assertThat(statements.get(2).get("Resource").asText()).isEqualTo("*");
    }

    @Test
    void apisAwsAuthorizesByOtherActionsAreAllowedWhereThoseAre() {
        assertThat(PoliciesOnMoto.withImpliedActions(java.util.List.of("dynamodb:Query", "dynamodb:UpdateItem")))
                .containsExactly("dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:TransactWriteItems");
        assertThat(PoliciesOnMoto.withImpliedActions(java.util.List.of("dynamodb:Query", "dynamodb:ConditionCheckItem")))
                .as("a read-only role writes no transaction").containsExactly("dynamodb:Query", "dynamodb:ConditionCheckItem");
        assertThat(PoliciesOnMoto.withImpliedActions(java.util.List.of("sqs:SendMessage", "sns:Publish")))
                .containsExactly("sqs:SendMessage", "sns:Publish", "sns:PublishBatch", "sqs:SendMessageBatch");
        assertThat(PoliciesOnMoto.withImpliedActions(java.util.List.of("sqs:ReceiveMessage"))).containsExactly("sqs:ReceiveMessage");
    }

    @Test
    void conditionsAreDroppedFromAllowsAndAConditionalDenyIsLeftOut() throws Exception {
        String policy = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:1:key/k",
                   "Condition": {"StringEquals": {"kms:EncryptionContext:aws:states:stateMachineArn": "arn:sm"}}},
                  {"Effect": "Deny", "Action": "sqs:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                  {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}
                """;
        JsonNode statements = read(PoliciesOnMoto.identityPolicy(policy)).get("Statement");

        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).has("Condition")).isFalse();
        assertThat(statements.get(0).get("Action").toString()).isEqualTo("[\"kms:Decrypt\"]");
        assertThat(statements.get(1).get("Effect").asText()).isEqualTo("Deny");
        assertThat(statements.get(1).get("Action").asText()).isEqualTo("s3:DeleteObject");
    }

    @Test
    void aStatementObjectInsteadOfAListIsRead() throws Exception {
        String policy = """
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "states:StartExecution", "Resource": "arn:sm"}}
                """;
        JsonNode statements = read(PoliciesOnMoto.identityPolicy(policy)).get("Statement");

        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).get("Resource").asText()).isEqualTo("*");
    }

    @Test
    void theTrustPolicyAlsoAdmitsTheSandboxNextToTheService() throws Exception {
        String trust = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                  "Action": "sts:AssumeRole"}]}
                """;
        JsonNode principal = read(PoliciesOnMoto.trustPolicy(trust, "arn:aws:iam::123456789012:user/edp-sandbox-admin"))
                .get("Statement").get(0).get("Principal");

        assertThat(principal.get("Service").asText()).isEqualTo("lambda.amazonaws.com");
        assertThat(principal.get("AWS").toString()).isEqualTo("[\"arn:aws:iam::123456789012:user/edp-sandbox-admin\"]");
    }

    @Test
    void aPolicyThatIsNotJsonIsNamedAsSuch() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PoliciesOnMoto.identityPolicy("Statement: []"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IAM policy document");
    }
}
