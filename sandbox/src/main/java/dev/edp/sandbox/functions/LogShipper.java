package dev.edp.sandbox.functions;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends each function's output to its log group on the emulator, as Lambda ships a function's standard output to
 * CloudWatch Logs: one event per line, in a stream of the sandbox's, every half second. So {@code aws logs tail} and
 * {@code ./edp dlq --local} (which looks up a dead-lettered message's error in its function's log) work on the
 * sandbox as on AWS.
 */
final class LogShipper implements AutoCloseable {

    static final int MAX_EVENTS_PER_CALL = 1_000;

    private final CloudWatchLogsClient logs;
    private final Map<String, String> groupsByFunction;
    private final String stream = LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[$LATEST]edp-local";
    private final Map<String, StringBuilder> partialLines = new HashMap<>();
    private final Map<String, List<InputLogEvent>> pending = new HashMap<>();
    private final Set<String> streamsCreated = new HashSet<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /** @param groupsByFunction each function's log group, by the name its output is routed under */
    LogShipper(CloudWatchLogsClient logs, Map<String, String> groupsByFunction) {
        this.logs = logs;
        this.groupsByFunction = Map.copyOf(groupsByFunction);
        this.thread = new Thread(this::run, "log-shipper");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Output a function wrote; complete lines become log events. */
    synchronized void append(String function, byte[] bytes, int offset, int length) {
        if (!groupsByFunction.containsKey(function)) {
            return;
        }
        StringBuilder partial = partialLines.computeIfAbsent(function, f -> new StringBuilder());
        partial.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline);
            partial.delete(0, newline + 1);
            if (!line.isBlank()) {
                pending.computeIfAbsent(function, f -> new ArrayList<>()).add(InputLogEvent.builder()
                        .timestamp(System.currentTimeMillis()).message(line).build());
            }
        }
    }

    private void run() {
        while (running.get()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            flush();
        }
    }

    /** Sends what is pending; a failure is reported once per flush and the lines stay in the function's log file. */
    void flush() {
        Map<String, List<InputLogEvent>> batch;
        synchronized (this) {
            batch = new HashMap<>(pending);
            pending.clear();
        }
        batch.forEach((function, events) -> {
            String group = groupsByFunction.get(function);
            try {
                if (streamsCreated.add(group)) {
                    logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
                }
                for (int from = 0; from < events.size(); from += MAX_EVENTS_PER_CALL) {
                    List<InputLogEvent> chunk = events.subList(from, Math.min(events.size(), from + MAX_EVENTS_PER_CALL));
                    logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(chunk));
                }
            } catch (RuntimeException e) {
                System.err.println("edp local: " + events.size() + " log lines of " + function + " not sent to " + group
                        + " (they are in its log file): " + e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        flush();
    }
}
