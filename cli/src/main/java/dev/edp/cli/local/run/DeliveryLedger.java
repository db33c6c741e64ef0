package dev.edp.cli.local.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's bookkeeping, from what was observed: what reached each bus, what the bus sent to which queue (message
 * ids), what each function did with each event (every attempt), what failed on the way. The checklist, the success
 * criteria and the loss count are computed from it, together with the emulator's final state.
 */
public final class DeliveryLedger {

    /** One invocation attempt of a function for one event. */
    public record Attempt(String function, int receiveCount, boolean ok, String error, Instant at) {
    }

    /** A delivery by the bus to a target. */
    public record Delivery(String rule, String service, String target, String answer, Instant at) {
    }

    /** A delivery the bus could not make; {@code deadLetterId} null means it went nowhere. */
    public record Failure(String key, String rule, String target, String error, String deadLetterId) {
    }

    private final Map<String, Instant> forwarded = new LinkedHashMap<>();
    private final Map<String, Set<String>> keysByBus = new LinkedHashMap<>();
    private final Map<String, String> detailTypeByKey = new HashMap<>();
    private final Map<String, List<Delivery>> deliveriesByKey = new HashMap<>();
    private final Map<String, Set<String>> sentByQueue = new LinkedHashMap<>();
    private final Map<String, Set<String>> processedByQueue = new LinkedHashMap<>();
    private final Map<String, List<Attempt>> attemptsByKey = new HashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Set<String> asyncSettled = new HashSet<>();
    private final Map<String, Set<String>> rulesByKey = new HashMap<>();

    synchronized void forwarded(String key, Instant at) {
        forwarded.putIfAbsent(key, at);
    }

    synchronized void received(String bus, String key, String detailType) {
        keysByBus.computeIfAbsent(bus, b -> new LinkedHashSet<>()).add(key);
        detailTypeByKey.put(key, detailType);
    }

    /** The rules (logical names) the event matched on its bus. */
    synchronized void matched(String key, List<String> rules) {
        rulesByKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(rules);
    }

    /** The rules the event matched whose targets have not taken it or failed it yet. */
    public synchronized Set<String> rulesPending(String key) {
        Set<String> pending = new LinkedHashSet<>(rulesByKey.getOrDefault(key, Set.of()));
        deliveriesByKey.getOrDefault(key, List.of()).forEach(d -> pending.remove(d.rule()));
        failures.stream().filter(f -> f.key().equals(key)).forEach(f -> pending.remove(f.rule()));
        return pending;
    }

    synchronized void delivered(String key, Delivery delivery) {
        deliveriesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(delivery);
        if (delivery.service().equals("sqs")) {
            sentByQueue.computeIfAbsent(delivery.target(), q -> new LinkedHashSet<>()).add(delivery.answer());
        }
    }

    synchronized void failed(Failure failure) {
        failures.add(failure);
    }

    synchronized void attempted(String key, Attempt attempt) {
        attemptsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(attempt);
    }

    /** Lambda's asynchronous invocation for the event by the rule's function target is over (ok, or retries ran out). */
    synchronized void asyncSettled(String key, String rule) {
        asyncSettled.add(key + "|" + rule);
    }

    public synchronized boolean isAsyncSettled(String key, String rule) {
        return asyncSettled.contains(key + "|" + rule);
    }

    synchronized void processed(String queue, String messageId) {
        processedByQueue.computeIfAbsent(queue, q -> new LinkedHashSet<>()).add(messageId);
    }

    public synchronized boolean wasForwarded(String key) {
        return forwarded.containsKey(key);
    }

    /** Every event key that reached a bus the sandbox delivers. */
    public synchronized Set<String> keysOnBus(String bus) {
        return Set.copyOf(keysByBus.getOrDefault(bus, Set.of()));
    }

    /** The keys of the events of a detail-type that reached a bus, in arrival order. */
    public synchronized List<String> keysOfType(String detailType) {
        return keysByBus.values().stream().flatMap(Set::stream).distinct()
                .filter(k -> detailType.equals(detailTypeByKey.get(k))).toList();
    }

    public synchronized Map<String, Set<String>> keysByBus() {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        keysByBus.forEach((bus, keys) -> copy.put(bus, Set.copyOf(keys)));
        return copy;
    }

    public synchronized List<Delivery> deliveries(String key) {
        return List.copyOf(deliveriesByKey.getOrDefault(key, List.of()));
    }

    /** The functions invoked at least once (by an event source mapping or the Invoke API), by display name. */
    public synchronized Set<String> invokedFunctions() {
        Set<String> functions = new java.util.TreeSet<>();
        attemptsByKey.values().forEach(list -> list.forEach(a -> functions.add(a.function())));
        return functions;
    }

    /** The targets (resource names) the bus delivered to on {@code service} ({@code states}, {@code sqs}, ...). */
    public synchronized Set<String> deliveredTargets(String service) {
        Set<String> targets = new java.util.TreeSet<>();
        deliveriesByKey.values().forEach(list -> list.stream().filter(d -> d.service().equals(service))
                .forEach(d -> targets.add(d.target())));
        return targets;
    }

    /** How many invocation attempts the function (display name) had, over all events. */
    public synchronized long attemptsOf(String function) {
        return attemptsByKey.values().stream().flatMap(List::stream).filter(a -> a.function().equals(function)).count();
    }

    public synchronized List<Attempt> attempts(String key) {
        return List.copyOf(attemptsByKey.getOrDefault(key, List.of()));
    }

    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Messages the bus sent to each queue (by queue name): their SQS message ids. */
    public synchronized Map<String, Set<String>> sentByQueue() {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        sentByQueue.forEach((queue, ids) -> copy.put(queue, Set.copyOf(ids)));
        return copy;
    }

    /** Messages a function processed successfully (deleted), by queue name. */
    public synchronized Set<String> processed(String queue) {
        return Set.copyOf(processedByQueue.getOrDefault(queue, Set.of()));
    }
}
