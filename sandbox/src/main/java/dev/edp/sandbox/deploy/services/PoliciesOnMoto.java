package dev.edp.sandbox.deploy.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The IAM documents the sandbox stores on moto, adapted to what moto's access control can evaluate
 * (moto/iam/access_control.py, moto 5.2.5), so a role is refused exactly the actions its policies do not grant:
 * <ul>
 *   <li><b>Resources</b>: moto names the resource of a request only for SQS (the queue's ARN), S3 (bucket and
 *       object ARNs), IAM role actions and STS AssumeRole; for every other service it checks the policy against
 *       {@code *}, which no statement naming an ARN matches. Those services' actions are therefore stored with
 *       {@code Resource: *}: moto checks the action, not which table, topic or key (the policy pack checks that the
 *       graph names its resources; {@code *} resources are refused there).</li>
 *   <li><b>Conditions</b>: moto reads condition keys only from the request's parameters, so a condition on
 *       {@code kms:EncryptionContext:...} or {@code aws:SourceArn} always fails, and a failed condition makes moto
 *       deny even an Allow statement. Conditions are dropped from Allow statements; a Deny statement with a condition
 *       is left out (moto cannot tell when it applies).</li>
 *   <li><b>APIs authorized by other actions</b>: moto checks an action named after the API called, while AWS
 *       authorizes some APIs by other actions: SQS's batch APIs by their single-message actions
 *       ({@code DeleteMessageBatch} by {@code sqs:DeleteMessage}: "Amazon SQS batch actions" in the SQS guide),
 *       SNS {@code PublishBatch} by {@code sns:Publish}, DynamoDB's {@code TransactWriteItems} and
 *       {@code TransactGetItems} by their items' actions ("Using IAM with DynamoDB transactions"). A statement
 *       allowing those actions also allows the API's name on moto ({@link #IMPLIED}); moto cannot look into a
 *       transaction's items, so a role with any write (put, update or delete) may write transactionally here.</li>
 *   <li><b>Trust</b>: moto checks AssumeRole against the trust policy's {@code AWS} principals only; the sandbox
 *       plays the service that assumes a role (Lambda, Step Functions), so every {@code sts:AssumeRole} statement
 *       also admits the sandbox's administrator.</li>
 * </ul>
 * The graph keeps the documents as the program wrote them; only the emulator's copy is adapted.
 */
public final class PoliciesOnMoto {

    /** Services whose requests moto matches against the policy's resources. */
    static final Set<String> RESOURCE_AWARE = Set.of("sqs", "s3", "iam", "sts");

    private static final ObjectMapper JSON = new ObjectMapper();

    private PoliciesOnMoto() {
    }

    /** An identity policy as moto can evaluate it (see the class comment). */
    public static String identityPolicy(String document) {
        ObjectNode policy = parse(document);
        ArrayNode statements = JSON.createArrayNode();
        for (JsonNode statement : statements(policy)) {
            statements.addAll(evaluable((ObjectNode) statement.deepCopy()));
        }
        policy.set("Statement", statements);
        return policy.toString();
    }

    /** A trust policy that also lets {@code principalArn} assume the role. */
    public static String trustPolicy(String document, String principalArn) {
        ObjectNode policy = parse(document);
        for (JsonNode node : statements(policy)) {
            ObjectNode statement = (ObjectNode) node;
            if ("Allow".equals(statement.path("Effect").asText()) && values(statement.get("Action")).stream()
                    .anyMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("sts:assumerole"))) {
                JsonNode principal = statement.get("Principal");
                ObjectNode principals = principal instanceof ObjectNode object ? object : JSON.createObjectNode();
                List<String> aws = new ArrayList<>(values(principals.get("AWS")));
                aws.add(principalArn);
                ArrayNode list = JSON.createArrayNode();
                aws.forEach(list::add);
                principals.set("AWS", list);
                statement.set("Principal", principals);
            }
        }
        return policy.toString();
    }

    private static List<ObjectNode> evaluable(ObjectNode statement) {
        boolean allow = "Allow".equals(statement.path("Effect").asText());
        if (statement.has("Condition")) {
            if (!allow) {
                return List.of();
            }
            statement.remove("Condition");
        }
        if (!allow || !statement.has("Action") || !statement.has("Resource")) {
            return List.of(statement);
        }
        List<String> scoped = new ArrayList<>();
        List<String> unscoped = new ArrayList<>();
        for (String action : withImpliedActions(values(statement.get("Action")))) {
            String service = action.contains(":") ? action.substring(0, action.indexOf(':')).toLowerCase(Locale.ROOT) : "";
            (RESOURCE_AWARE.contains(service) || action.equals("*") ? scoped : unscoped).add(action);
        }
        List<ObjectNode> result = new ArrayList<>();
        if (!scoped.isEmpty()) {
            result.add(withActions(statement.deepCopy(), scoped));
        }
        if (!unscoped.isEmpty()) {
            ObjectNode anyResource = withActions(statement.deepCopy(), unscoped);
            anyResource.put("Resource", "*");
            result.add(anyResource);
        }
        return result;
    }

    /** API names moto checks → the actions AWS authorizes them by (any one of them allows the API here). */
    static final Map<String, List<String>> IMPLIED = Map.of(
            "sqs:SendMessageBatch", List.of("sqs:SendMessage"),
            "sqs:DeleteMessageBatch", List.of("sqs:DeleteMessage"),
            "sqs:ChangeMessageVisibilityBatch", List.of("sqs:ChangeMessageVisibility"),
            "sns:PublishBatch", List.of("sns:Publish"),
            "dynamodb:TransactWriteItems", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
            "dynamodb:TransactGetItems", List.of("dynamodb:GetItem"));

    /** The actions, plus the API names moto checks for what they authorize on AWS ({@link #IMPLIED}). */
    static List<String> withImpliedActions(List<String> actions) {
        List<String> result = new ArrayList<>(actions);
        Set<String> lower = new java.util.HashSet<>();
        actions.forEach(a -> lower.add(a.toLowerCase(Locale.ROOT)));
        new java.util.TreeMap<>(IMPLIED).forEach((api, by) -> {
            if (!lower.contains(api.toLowerCase(Locale.ROOT))
                    && by.stream().anyMatch(a -> lower.contains(a.toLowerCase(Locale.ROOT)))) {
                result.add(api);
            }
        });
        return result;
    }

    private static ObjectNode withActions(ObjectNode statement, List<String> actions) {
        ArrayNode list = JSON.createArrayNode();
        actions.forEach(list::add);
        statement.set("Action", list);
        return statement;
    }

    private static List<JsonNode> statements(ObjectNode policy) {
        JsonNode statement = policy.get("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statement instanceof ArrayNode array) {
            array.forEach(list::add);
        } else if (statement instanceof ObjectNode object) {
            list.add(object);
        }
        return list;
    }

    private static List<String> values(JsonNode node) {
        List<String> list = new ArrayList<>();
        if (node == null) {
            return list;
        }
        if (node.isArray()) {
            node.forEach(v -> list.add(v.asText()));
        } else {
            list.add(node.asText());
        }
        return list;
    }

    private static ObjectNode parse(String document) {
        try {
            JsonNode node = JSON.readTree(document);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("an IAM policy document is a JSON object, got: " + document);
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an IAM policy document (JSON): " + e.getOriginalMessage(), e);
        }
    }
}
