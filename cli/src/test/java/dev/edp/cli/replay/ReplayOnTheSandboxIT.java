package dev.edp.cli.replay;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.CliRun;
import dev.edp.cli.local.run.DeliveryLedger;
import dev.edp.cli.local.run.RunObserver;
import dev.edp.cli.local.run.Trace;
import dev.edp.cli.synth.Stacks;
import dev.edp.cli.synth.Synth;
import dev.edp.sandbox.Sandbox;
import dev.edp.sandbox.SandboxFile;
import dev.edp.sandbox.bus.BusEvent;
import dev.edp.sandbox.bus.BusTarget;
import dev.edp.sandbox.functions.EventSourceMappings;
import dev.edp.sandbox.functions.LocalFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./edp replay --local} on the sandbox of the repository's own dev stack, deployed by the sandbox as
 * {@code ./edp local} deploys it: an order handled live, then the archived window replayed into the order consumer
 * alone, and handled again by its function. (The replay command's own logic, --pattern and refusals, is
 * {@link ReplayCommandIT}'s.)
 */
class ReplayOnTheSandboxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What reached the bus, and how (PutEvents, forwarded, or "replay NAME"), with the rules it matched. */
    private record Received(String via, List<String> rules, BusEvent event) {
    }

    @TempDir
    Path logs;
    @TempDir
    Path project;

    @Test
    void anArchivedWindowIsReplayedIntoOneConsumerAndHandledAgain() throws Exception {
        DeliveryLedger ledger = new DeliveryLedger();
        RunObserver trace = new RunObserver(new Trace(new PrintStream(OutputStream.nullOutputStream())), ledger);
        List<Received> received = new CopyOnWriteArrayList<>();
        Sandbox.Observer observer = new Sandbox.Observer() {
            public void received(String bus, BusEvent event, String via, List<String> rules) {
                received.add(new Received(via, rules, event));
                trace.received(bus, event, via, rules);
            }

            public void delivered(BusTarget target, BusEvent event, String answer) {
                trace.delivered(target, event, answer);
            }

            public void failed(BusTarget target, BusEvent event, Throwable error, String deadLetterId) {
                trace.failed(target, event, error, deadLetterId);
            }

            public void invoking(EventSourceMappings.Mapping mapping, List<SQSEvent.SQSMessage> records, Instant at) {
                trace.invoking(mapping, records, at);
            }

            public void batch(EventSourceMappings.Batch batch) {
                trace.batch(batch);
            }

            public void invoked(LocalFunction function, byte[] payload, Instant started, Instant ended, Throwable error) {
                trace.invoked(function, payload, started, ended, error);
            }
        };

        try (Sandbox sandbox = Sandbox.start(0, "us-east-1");
             SandboxFile.Claim claim = SandboxFile.claim(SandboxFile.path(project, "dev"))) {
            var stack = sandbox.deploy(Synth.repositoryStack(Stacks.projectDir(), "dev"));
            sandbox.run(logs, observer);
            claim.write(new SandboxFile(sandbox.account().endpoint().uri(), "us-east-1", stack.exports(),
                    sandbox.account().admin().accessKeyId(), sandbox.account().admin().secretAccessKey()));
            String bus = String.valueOf(stack.exports().get("busName"));

            Instant from = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            JsonNode order = JSON.readTree(getClass().getResourceAsStream("/dev/edp/events/examples/order-created.json"));
            sandbox.aws().events().putEvents(b -> b.entries(e -> e.eventBusName(bus).source(order.path("source").asText())
                    .detailType(order.path("detail-type").asText()).detail(order.path("detail").toString())));
            await(() -> attempts(ledger, "order-processor") >= 1, "the order handled live");
            Instant to = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

            CliRun.Outcome outcome = CliRun.edp("replay", "--stack", "dev", "--local", "--project-dir", project.toString(),
                    "--consumer", "order-processor", "--from", from.toString(), "--to", to.toString(),
                    "--name", "catch-up-orders", "--poll-seconds", "0", "--settle-seconds", "0", "--json");
            assertThat(outcome.exit()).as(outcome.out() + outcome.err()).isZero();
            assertThat(JSON.readTree(outcome.out()).path("state").asText()).isEqualTo("COMPLETED");

            await(() -> received.stream().anyMatch(r -> r.via().equals("replay catch-up-orders")
                    && !r.rules().isEmpty()), "the replayed order on the bus");
            List<Received> replayed = received.stream().filter(r -> r.via().startsWith("replay")).toList();
            assertThat(replayed).allSatisfy(r -> {
                assertThat(r.event().json().path("replay-name").asText()).isEqualTo("catch-up-orders");
                // FilterArns: only the order consumer's rule, not the audit rule or any other that matches orders.
                assertThat(r.rules()).allSatisfy(rule -> assertThat(rule).contains("order-processor"));
            });
            await(() -> attempts(ledger, "order-processor") >= 2, "the replayed order handled by the order consumer");
        }
    }

    private static long attempts(DeliveryLedger ledger, String function) {
        return ledger.invokedFunctions().contains(function) ? ledger.attemptsOf(function) : 0;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
