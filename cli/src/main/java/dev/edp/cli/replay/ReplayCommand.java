package dev.edp.cli.replay;

import dev.edp.events.StackExports;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.ops.Flags;
import dev.edp.cli.ops.OpsClients;
import dev.edp.cli.ops.OpsCommand;
import dev.edp.cli.ops.OpsException;
import dev.edp.cli.ops.StackTarget;
import dev.edp.cli.ops.StopOnSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.eventbridge.model.DescribeArchiveResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ./edp replay}: archived events of a time range back to the consumers, followed to completion. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays the events the stack's archive holds for a time range to its consumers' rules (all "
                + "consumers, or --consumer ones), as an EventBridge replay, and follows it to completion. --from "
                + "and --to are ISO-8601 instants with a zone, read as UTC (2026-01-31T00:00:00Z). --pattern (an "
                + "EventBridge event pattern) replays only the events it matches: EventBridge replays filter by "
                + "rule, not by pattern, so each consumer gets a temporary rule for the replay (its own pattern "
                + "AND yours AND this replay's name; its queue policy admits it), deleted at the end. Ctrl-C "
                + "cancels the replay and cleans up.")
public final class ReplayCommand extends OpsCommand {

    static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    @Option(names = "--from", required = true, paramLabel = "INSTANT",
            description = "first event time to replay, inclusive (e.g. 2026-01-31T00:00:00Z)")
    String from;

    @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "event time to stop at, exclusive")
    String to;

    @Option(names = "--consumer", paramLabel = "NAME", description = "replay to this consumer (repeatable; default all)")
    List<String> consumers = new ArrayList<>();

    @Option(names = "--pattern", paramLabel = "JSON", description = "replay only the events this EventBridge pattern matches")
    String patternText;

    @Option(names = "--name", paramLabel = "NAME", description = "the replay's name (default edp-<stack>-<UTC time>)")
    String name;

    @Option(names = "--poll-seconds", defaultValue = "10", paramLabel = "S",
            description = "how often the replay's state is read (default 10)")
    int pollSeconds;

    @Option(names = "--settle-seconds", defaultValue = "60", paramLabel = "S",
            description = "with --pattern: how long the temporary rules stay after the replay completes, for the last "
                + "deliveries to its targets (default 60)")
    int settleSeconds;

    @Option(names = "--json", description = "print the outcome as one JSON document")
    boolean json;

    Clock clock = Clock.systemUTC();
    private ReplayWindow window;
    private Optional<ReplayPattern> pattern = Optional.empty();

    @Override
    protected String name() {
        return "replay";
    }

    @Override
    protected boolean machineOutput() {
        return json;
    }

    @Override
    protected void validate() {
        window = ReplayWindow.parse(from, to);
        pattern = Optional.ofNullable(patternText).map(ReplayPattern::parse);
        if (name != null && !name.matches("[.\\-_A-Za-z0-9]{1,64}")) {
            throw new OpsException("--name " + name + ": 1 to 64 of letters, digits, '.', '-', '_'");
        }
        Flags.range("--poll-seconds", pollSeconds, 0, 300);
        Flags.range("--settle-seconds", settleSeconds, 0, 900);
    }

    @Override
    protected int run(StackTarget target, OpsClients aws) throws InterruptedException {
        PrintStream progress = json ? System.err : System.out;
        String busName = target.outputs().string(StackExports.BUS_NAME);
        String busArn = target.outputs().string(StackExports.BUS_ARN);
        String archiveName = target.outputs().string(StackExports.ARCHIVE_NAME);
        List<String> selected = consumers.isEmpty() ? target.outputs().consumers()
                : consumers.stream().map(target.outputs()::requireConsumer).toList();
        String replayName = name != null ? name : ("edp-" + target.stack() + "-" + NAME_TIME.format(clock.instant()));
        if (replayName.length() > 64) {
            throw new OpsException("replay name " + replayName + " is longer than 64 characters: give one with --name");
        }

        DescribeArchiveResponse archive = aws.events().describeArchive(b -> b.archiveName(archiveName));
        if (!busArn.equals(archive.eventSourceArn())) {
            throw new OpsException("archive " + archiveName + " archives " + archive.eventSourceArn() + ", not the bus "
                    + busArn);
        }
        warnIfExpired(archive, progress);
        List<ConsumerRoute> routes = ConsumerRoute.of(aws, target.outputs(), busName, selected);

        ReplayRules temporary = new ReplayRules(aws.events(), busName);
        Map<String, String> rulesByConsumer = new LinkedHashMap<>();
        ObjectNode outcome = new ObjectMapper().createObjectNode();
        DescribeReplayResponse replay;
        try (StopOnSignal stop = StopOnSignal.install("edp-replay-stop")) {
            for (ConsumerRoute route : routes) {
                if (pattern.isEmpty()) {
                    rulesByConsumer.put(route.consumer(), route.ruleArn());
                    continue;
                }
                Optional<String> combined = pattern.get().forReplay(route.pattern(), replayName);
                if (combined.isEmpty()) {
                    progress.println("  " + route.consumer() + ": no event matches both its rule and --pattern; not"
                            + " replayed to it");
                    continue;
                }
                rulesByConsumer.put(route.consumer(), temporary.create(route, combined.get(), replayName));
                progress.println("  " + route.consumer() + ": temporary rule with pattern " + combined.get());
            }
            if (rulesByConsumer.isEmpty()) {
                throw new OpsException("--pattern " + pattern.orElseThrow() + " matches no event that a selected"
                        + " consumer's rule matches: nothing to replay");
            }
            ReplayRun run = new ReplayRun(aws.events(), Duration.ofSeconds(pollSeconds), progress);
            run.start(replayName, archive.archiveArn(), window, busArn, List.copyOf(rulesByConsumer.values()));
            progress.println("  replay " + replayName + ": archive " + archiveName + ", events from " + window.from()
                    + " to " + window.to() + ", to " + String.join(", ", rulesByConsumer.keySet()));
            replay = run.follow(replayName, stop::requested);
            if (pattern.isPresent() && replay.state() == ReplayState.COMPLETED && settleSeconds > 0) {
                progress.println("  waiting " + settleSeconds + " s for the last deliveries before removing the"
                        + " temporary rules");
                Thread.sleep(settleSeconds * 1000L);
            }
        } finally {
            List<String> left = temporary.deleteAll();
            left.forEach(l -> System.err.println("edp replay: could not delete temporary rule " + l));
        }
        progress.println("  replay " + replayName + ": " + replay.state()
                + (replay.stateReason() == null ? "" : " (" + replay.stateReason() + ")"));
        outcome.put("replayName", replayName);
        outcome.put("state", replay.state().toString());
        outcome.put("archiveArn", archive.archiveArn());
        outcome.put("from", window.from().toString());
        outcome.put("to", window.to().toString());
        outcome.set("rules", new ObjectMapper().valueToTree(rulesByConsumer));
        pattern.ifPresent(p -> outcome.put("pattern", p.toString()));
        if (json) {
            System.out.println(outcome.toPrettyString());
        }
        return replay.state() == ReplayState.COMPLETED ? 0 : 1;
    }

    private void warnIfExpired(DescribeArchiveResponse archive, PrintStream progress) {
        Integer days = archive.retentionDays();
        if (days != null && days > 0 && window.from().isBefore(clock.instant().minus(Duration.ofDays(days)))) {
            progress.println("  note: the archive keeps events " + days + " days; events before "
                    + clock.instant().minus(Duration.ofDays(days)) + " are gone");
        }
    }
}
