package dev.edp.sandbox.bus;

import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import software.amazon.event.ruler.Machine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The EventBridge rules of a graph, by bus, compiled into EventBridge's own matcher (event-ruler), so an event
 * can be routed with exactly the patterns that are deployed. Rules on the account's default bus are under
 * {@link #DEFAULT_BUS}; rules on the pattern's bus under its logical name.
 */
public final class GraphRules {

    public static final String DEFAULT_BUS = "default";

    private final Map<String, Machine> machinesByBus = new LinkedHashMap<>();
    private final Map<String, GraphResource> rulesByName = new LinkedHashMap<>();

    private GraphRules() {
    }

    public static GraphRules of(ResourceGraph graph) {
        GraphRules rules = new GraphRules();
        Map<String, String> busNamesByUrn = new LinkedHashMap<>();
        graph.ofType("aws:cloudwatch/eventBus:EventBus").forEach(b -> busNamesByUrn.put(b.urn(), b.name()));
        for (GraphResource rule : graph.ofType("aws:cloudwatch/eventRule:EventRule")) {
            List<String> busUrns = rule.propertyDependencies().getOrDefault("eventBusName", List.of());
            String bus = busUrns.isEmpty() ? String.valueOf(rule.input("eventBusName"))
                    : busNamesByUrn.getOrDefault(busUrns.get(0), busUrns.get(0));
            try {
                rules.machinesByBus.computeIfAbsent(bus, b -> new Machine()).addRule(rule.name(), rule.string("eventPattern"));
            } catch (Exception e) {
                throw new IllegalArgumentException("rule " + rule.name() + " has a pattern EventBridge would reject: "
                        + e.getMessage(), e);
            }
            rules.rulesByName.put(rule.name(), rule);
        }
        return rules;
    }

    /** Names of the rules on {@code bus} that match the event (a full EventBridge envelope), sorted. */
    public List<String> matching(String bus, String eventJson) {
        Machine machine = machinesByBus.get(bus);
        if (machine == null) {
            return List.of();
        }
        try {
            return new ArrayList<>(new TreeSet<>(machine.rulesForJSONEvent(eventJson)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not an event: " + e.getMessage(), e);
        }
    }

    public List<String> buses() {
        return List.copyOf(machinesByBus.keySet());
    }

    public GraphResource rule(String name) {
        return rulesByName.get(name);
    }
}
