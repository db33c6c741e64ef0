package dev.edp.pattern.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One IAM policy statement whose principals, resources and condition values may be Pulumi outputs.
 * Built fluently: {@code Statement.allow("sqs:SendMessage").on(queueArn).forService("events.amazonaws.com")}.
 *
 * <p>A resource of {@code *} can only be had through {@link #onEveryResource(String)}, which takes the reason
 * (AWS offers no narrower scope for that action): least privilege is the default, and each exception says why.
 */
public final class Statement {

    private final String effect;
    private final List<String> actions;
    private final List<Output<String>> resources = new ArrayList<>();
    private final Map<String, List<Output<String>>> principals = new LinkedHashMap<>();
    private final List<Condition> conditions = new ArrayList<>();
    private String sid;
    private String wildcardReason;

    private record Condition(String operator, String key, List<Output<String>> values) {
    }

    private Statement(String effect, List<String> actions) {
        this(effect, actions, true);
    }

    /** {@code checkWildcards} is false only for {@link #keyAdministrationByAccountRoot}, the one {@code kms:*}. */
    private Statement(String effect, List<String> actions, boolean checkWildcards) {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a statement needs at least one action");
        }
        for (String action : checkWildcards ? actions : List.<String>of()) {
            if (action.equals("*") || (action.endsWith(":*") && effect.equals("Allow"))) {
                throw new IllegalArgumentException("refusing to allow wildcard action '" + action
                        + "': name the actions (least privilege)");
            }
        }
        this.effect = effect;
        this.actions = List.copyOf(actions);
    }

    public static Statement allow(String... actions) {
        return new Statement("Allow", List.of(actions));
    }

    public static Statement allow(List<String> actions) {
        return new Statement("Allow", actions);
    }

    /**
     * The key policy statement every KMS key needs: the account root may administer the key, which is what lets
     * IAM policies in the account grant use of it. In a key policy, resource {@code *} means "this key".
     */
    public static Statement keyAdministrationByAccountRoot(Output<String> accountRootArn) {
        Statement s = new Statement("Allow", List.of("kms:*"), false);
        return s.forAws(accountRootArn).onEveryResource("in a key policy '*' is the key itself")
                .sid("AccountRootAdministersKey");
    }

    public static Statement deny(String... actions) {
        return new Statement("Deny", List.of(actions));
    }

    public Statement sid(String value) {
        this.sid = value;
        return this;
    }

    @SafeVarargs
    public final Statement on(Output<String>... arns) {
        resources.addAll(List.of(arns));
        return this;
    }

    public Statement on(List<Output<String>> arns) {
        resources.addAll(arns);
        return this;
    }

    /** Resource {@code *}: only where AWS supports no narrower scope for these actions. Say which and why. */
    public Statement onEveryResource(String whyAwsOffersNoNarrowerScope) {
        if (whyAwsOffersNoNarrowerScope == null || whyAwsOffersNoNarrowerScope.isBlank()) {
            throw new IllegalArgumentException("a '*' resource needs its reason");
        }
        this.wildcardReason = whyAwsOffersNoNarrowerScope;
        resources.add(Output.of("*"));
        return this;
    }

    public Statement forService(String servicePrincipal) {
        principals.computeIfAbsent("Service", k -> new ArrayList<>()).add(Output.of(servicePrincipal));
        return this;
    }

    public Statement forService(Output<String> servicePrincipal) {
        principals.computeIfAbsent("Service", k -> new ArrayList<>()).add(servicePrincipal);
        return this;
    }

    public Statement forAws(Output<String> principalArnOrAccount) {
        principals.computeIfAbsent("AWS", k -> new ArrayList<>()).add(principalArnOrAccount);
        return this;
    }

    /** Any principal: only for Deny statements (e.g. deny non-TLS access to everyone). */
    public Statement forEveryone() {
        if (!effect.equals("Deny")) {
            throw new IllegalArgumentException("'*' principals are only for Deny statements");
        }
        principals.computeIfAbsent("*", k -> new ArrayList<>());
        return this;
    }

    @SafeVarargs
    public final Statement when(String operator, String key, Output<String>... values) {
        conditions.add(new Condition(operator, key, List.of(values)));
        return this;
    }

    public Statement when(String operator, String key, String value) {
        return when(operator, key, Output.of(value));
    }

    /** The reason given for a {@code *} resource, if any. */
    public String wildcardReason() {
        return wildcardReason;
    }

    /** Every output this statement needs, in a fixed order, and a renderer over their resolved values. */
    List<Output<String>> outputs() {
        List<Output<String>> all = new ArrayList<>(resources);
        principals.values().forEach(all::addAll);
        conditions.forEach(c -> all.addAll(c.values()));
        return all;
    }

    ObjectNode render(java.util.Iterator<String> resolved) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        if (sid != null) {
            node.put("Sid", sid);
        }
        node.put("Effect", effect);
        List<String> resourceValues = take(resolved, resources.size());
        if (!principals.isEmpty()) {
            if (principals.containsKey("*") && principals.size() == 1) {
                node.put("Principal", "*");
            } else {
                ObjectNode p = node.putObject("Principal");
                principals.forEach((type, values) -> p.set(type, strings(take(resolved, values.size()))));
            }
        }
        node.set("Action", strings(actions));
        if (!resources.isEmpty()) {
            node.set("Resource", strings(resourceValues));
        }
        if (!conditions.isEmpty()) {
            ObjectNode c = node.putObject("Condition");
            for (Condition condition : conditions) {
                ObjectNode op = c.has(condition.operator()) ? (ObjectNode) c.get(condition.operator())
                        : c.putObject(condition.operator());
                op.set(condition.key(), strings(take(resolved, condition.values().size())));
            }
        }
        return node;
    }

    private static List<String> take(java.util.Iterator<String> it, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(it.next());
        }
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode strings(List<String> values) {
        if (values.size() == 1) {
            return JsonNodeFactory.instance.textNode(values.get(0));
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
