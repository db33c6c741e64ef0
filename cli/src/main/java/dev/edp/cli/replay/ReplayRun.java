package dev.edp.cli.replay;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One EventBridge replay: started from the archive to the bus, limited to the given rules ({@code FilterArns}),
 * and followed with {@code DescribeReplay} until it completes, fails or is cancelled. A stop request cancels it.
 */
final class ReplayRun {

    static final Set<ReplayState> FINAL = Set.of(ReplayState.COMPLETED, ReplayState.FAILED, ReplayState.CANCELLED);

    private final EventBridgeClient events;
    private final Duration poll;
    private final PrintStream progress;

    ReplayRun(EventBridgeClient events, Duration poll, PrintStream progress) {
        this.events = events;
        this.poll = poll;
        this.progress = progress;
    }

    void start(String name, String archiveArn, ReplayWindow window, String busArn, List<String> ruleArns) {
        events.startReplay(b -> b.replayName(name).eventSourceArn(archiveArn)
                .description("./edp replay: " + ruleArns.size() + " rule(s)")
                .eventStartTime(window.from()).eventEndTime(window.to())
                .destination(d -> d.arn(busArn).filterArns(ruleArns)));
    }

    /** Reads the replay until it ends; cancels it once if {@code stop} asks. */
    DescribeReplayResponse follow(String name, BooleanSupplier stop) throws InterruptedException {
        ReplayState last = null;
        boolean cancelled = false;
        while (true) {
            DescribeReplayResponse replay = events.describeReplay(b -> b.replayName(name));
            if (replay.state() != last) {
                progress.println("  " + replay.state() + (replay.eventLastReplayedTime() == null ? ""
                        : ", replayed up to " + replay.eventLastReplayedTime()));
                last = replay.state();
            }
            if (FINAL.contains(replay.state())) {
                return replay;
            }
            if (stop.getAsBoolean() && !cancelled) {
                progress.println("  stop requested: cancelling replay " + name);
                events.cancelReplay(b -> b.replayName(name));
                cancelled = true;
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
