package dev.edp.sandbox.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.emulator.LambdaGateway;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The targets of the custom buses' rules, shown where EventBridge's API shows them. They are not on moto (the
 * sandbox delivers them, {@link LocalEventBus}), so {@code ListTargetsByRule} and {@code ListRuleNamesByTarget}
 * through the sandbox endpoint add them to moto's answer, from the graph: what {@code ./edp replay} and
 * {@code aws events list-targets-by-rule} read is then what the program deployed, as on AWS.
 */
public final class DeliveredTargets {

    static final String LIST_TARGETS = "AWSEvents.ListTargetsByRule";
    static final String LIST_RULES = "AWSEvents.ListRuleNamesByTarget";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One target as the API lists it, on its bus and rule (physical names). */
    record Listed(String bus, String rule, ObjectNode target) {
    }

    private final List<Listed> targets;

    DeliveredTargets(List<Listed> targets) {
        this.targets = List.copyOf(targets);
    }

    /** The targets of rules on buses that {@code bus} delivers, read from the deployed graph. */
    public static DeliveredTargets of(ResourceGraph graph, LocalEventBus bus) {
        List<Listed> listed = new ArrayList<>();
        for (GraphResource t : graph.ofType(LocalEventBus.TARGET)) {
            String busName = t.string("eventBusName");
            if (busName == null || !bus.delivers(busName)) {
                continue;
            }
            ObjectNode target = JSON.createObjectNode();
            target.put("Id", t.string("targetId") != null ? t.string("targetId") : t.name());
            target.put("Arn", t.string("arn"));
            if (t.string("roleArn") != null) {
                target.put("RoleArn", t.string("roleArn"));
            }
            Map<String, Object> deadLetter = PendingResource.object(t.inputs(), "deadLetterConfig");
            if (deadLetter.get("arn") != null) {
                target.putObject("DeadLetterConfig").put("Arn", deadLetter.get("arn").toString());
            }
            Map<String, Object> retry = PendingResource.object(t.inputs(), "retryPolicy");
            if (!retry.isEmpty()) {
                ObjectNode policy = target.putObject("RetryPolicy");
                Integer attempts = PendingResource.whole(retry.get("maximumRetryAttempts"));
                Integer age = PendingResource.whole(retry.get("maximumEventAgeInSeconds"));
                if (attempts != null) {
                    policy.put("MaximumRetryAttempts", attempts);
                }
                if (age != null) {
                    policy.put("MaximumEventAgeInSeconds", age);
                }
            }
            Object group = PendingResource.object(t.inputs(), "sqsTarget").get("messageGroupId");
            if (group != null) {
                target.putObject("SqsParameters").put("MessageGroupId", group.toString());
            }
            listed.add(new Listed(shortName(busName), t.string("rule"), target));
        }
        return new DeliveredTargets(listed);
    }

    /** Adds these targets to the endpoint's answers of the two listing actions. */
    public void amend(LambdaGateway gateway) {
        gateway.amend(LIST_TARGETS, this::amendTargets);
        gateway.amend(LIST_RULES, this::amendRules);
    }

    byte[] amendTargets(byte[] request, byte[] answer) throws IOException {
        JsonNode in = JSON.readTree(request);
        String bus = shortName(in.path("EventBusName").asText("default"));
        String rule = in.path("Rule").asText();
        ObjectNode out = (ObjectNode) JSON.readTree(answer);
        ArrayNode listed = out.withArray("Targets");
        for (Listed l : targets) {
            if (l.bus().equals(bus) && l.rule().equals(rule)) {
                listed.add(l.target());
            }
        }
        return JSON.writeValueAsBytes(out);
    }

    byte[] amendRules(byte[] request, byte[] answer) throws IOException {
        JsonNode in = JSON.readTree(request);
        String bus = shortName(in.path("EventBusName").asText("default"));
        String arn = in.path("TargetArn").asText();
        ObjectNode out = (ObjectNode) JSON.readTree(answer);
        Set<String> names = new LinkedHashSet<>();
        out.withArray("RuleNames").forEach(n -> names.add(n.asText()));
        for (Listed l : targets) {
            if (l.bus().equals(bus) && arn.equals(l.target().path("Arn").asText())) {
                names.add(l.rule());
            }
        }
        ArrayNode list = out.putArray("RuleNames");
        names.forEach(list::add);
        return JSON.writeValueAsBytes(out);
    }

    private static String shortName(String busNameOrArn) {
        return busNameOrArn.startsWith("arn:") ? busNameOrArn.substring(busNameOrArn.lastIndexOf('/') + 1) : busNameOrArn;
    }
}
