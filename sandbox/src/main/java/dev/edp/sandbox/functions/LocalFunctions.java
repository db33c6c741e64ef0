package dev.edp.sandbox.functions;

import dev.edp.events.FunctionEnvironment;
import dev.edp.sandbox.deploy.Deployment;
import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's Lambda functions, read from the deployed graph: each function's handler, its environment variables
 * (as the stack sets them, with the emulator's real table name, topic ARN and so on), memory, timeout and log group,
 * plus what Lambda sets itself and {@code AWS_ENDPOINT_URL}, which points the handler's SDK clients at the sandbox.
 */
public final class LocalFunctions {

    public static final String FUNCTION = "aws:lambda/function:Function";
    public static final String ALIAS = "aws:lambda/alias:Alias";

    private final List<LocalFunction> functions;
    private final Map<String, LocalFunction> byName = new HashMap<>();

    private LocalFunctions(List<LocalFunction> functions) {
        this.functions = List.copyOf(functions);
        for (LocalFunction f : functions) {
            byName.put(f.physicalName(), f);
            byName.put(f.logicalName(), f);
        }
    }

    /**
     * @param lambdaVariables what Lambda and the sandbox set on every function (region, endpoint)
     * @param code           where handler classes are loaded from
     * @param roles          each function's credentials: its role's session
     */
    public static LocalFunctions of(ResourceGraph graph, Deployment deployment, String region, String account,
                                    Map<String, String> lambdaVariables, FunctionCode code,
                                    RoleCredentials.Source roles) {
        List<LocalFunction> functions = new ArrayList<>();
        for (GraphResource r : graph.ofType(FUNCTION)) {
            String name = deployment.id(FUNCTION, r.name());
            Map<String, String> environment = new HashMap<>(lambdaVariables);
            Map<String, Object> variables = PendingResource.object(PendingResource.object(r.inputs(), "environment"),
                    "variables");
            variables.forEach((k, v) -> environment.put(k, PendingResource.text(v)));
            int memory = number(r.input("memorySize"), 128);
            String logGroup = PendingResource.text(PendingResource.object(r.inputs(), "loggingConfig").get("logGroup"));
            String role = PendingResource.text(r.input("role"));
            environment.putAll(roles.variables(name, role));
            environment.put("AWS_LAMBDA_FUNCTION_NAME", name);
            environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
            environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            if (logGroup != null) {
                environment.put("AWS_LAMBDA_LOG_GROUP_NAME", logGroup);
            }
            functions.add(new LocalFunction(r.name(), displayName(r.name(), parentName(graph, r), environment), name,
                    "arn:aws:lambda:" + region + ":" + account + ":function:" + name,
                    HandlerReference.parse(r.string("handler")), environment, memory,
                    number(r.input("timeout"), 3), logGroup, code.load(name, r.input("code")), r.string("runtime"),
                    role));
        }
        return new LocalFunctions(functions);
    }

    public List<LocalFunction> all() {
        return functions;
    }

    /** By function name, ARN (qualified or not: {@code :live}, {@code :1}, {@code $LATEST}), or logical name. */
    public Optional<LocalFunction> find(String nameOrArn) {
        String name = nameOrArn;
        if (name.startsWith("arn:")) {
            String[] parts = name.split(":");
            name = parts.length > 6 ? parts[6] : name;
        } else if (name.contains(":")) {
            name = name.substring(0, name.indexOf(':'));
        }
        return Optional.ofNullable(byName.get(name));
    }

    /** The function behind a graph resource: a function, or an alias of one. */
    public Optional<LocalFunction> ofResource(GraphResource resource, ResourceGraph graph) {
        if (resource.type().equals(FUNCTION)) {
            return Optional.ofNullable(byName.get(resource.name()));
        }
        if (resource.type().equals(ALIAS)) {
            return graph.sourcesOf(resource, "functionName").stream().findFirst()
                    .flatMap(function -> ofResource(function, graph));
        }
        return Optional.empty();
    }

    /** The logical name of the resource's parent (the component that created the function, e.g. {@code edp}), or "". */
    private static String parentName(ResourceGraph graph, GraphResource r) {
        return r.parent() == null ? "" : graph.resources().stream().filter(p -> r.parent().equals(p.urn()))
                .map(GraphResource::name).findFirst().orElse("");
    }

    /**
     * The consumer's name ({@code EDP_CONSUMER}), else the logical name without its component's prefix
     * ({@code <component>-<purpose>-fn}, how the pattern names functions) and "-fn".
     */
    static String displayName(String logicalName, String component, Map<String, String> environment) {
        String consumer = environment.get(FunctionEnvironment.CONSUMER);
        if (consumer != null && !consumer.isBlank()) {
            return consumer;
        }
        String name = !component.isEmpty() && logicalName.startsWith(component + "-") ? logicalName.substring(component.length() + 1) : logicalName;
        return name.endsWith("-fn") ? name.substring(0, name.length() - 3) : name;
    }

    private static int number(Object value, int fallback) {
        Integer whole = PendingResource.whole(value);
        return whole == null ? fallback : whole;
    }
}
