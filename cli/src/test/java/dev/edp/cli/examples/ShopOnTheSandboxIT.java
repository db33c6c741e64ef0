package dev.edp.cli.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.CliRun;
import dev.edp.cli.local.run.ScenarioResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/consumer on the sandbox, as its team would run it: its own program (ShopEvents, built into its jar),
 * its own stack file, its own handlers (examples/shop-handlers, built into the jar its stack names) and its own
 * example events (examples/consumer/events). {@code ./edp local --once}'s run passes: each event reaches its
 * consumer and is handled by the shop's handler, the order without an amount ends in billing's DLQ after its
 * maxReceiveCount (5), nothing is lost; then {@code ./edp dlq list --local} and {@code ./edp replay --local} work
 * on that sandbox.
 */
class ShopOnTheSandboxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static Path project;
    static ExampleBuilds.SandboxRun ran;
    static Instant from;

    @BeforeAll
    static void runTheShopOnTheSandbox() throws Exception {
        // The replay window opens before the run's first event.
        from = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        // What `mvn package` makes of each project: the program's jar (Main-Class) and the handlers' jar (with its
        // libraries, as Lambda wants it), where Pulumi.yaml and the stack file name them.
        project = work.resolve("consumer");
        ran = ExampleBuilds.buildAndRun("consumer", List.of("events"), "com.example.shop.ShopEvents", "shop-handlers",
                project, work);
    }

    @AfterAll
    static void stop() {
        if (ran != null) {
            ran.close();
        }
    }

    @Test
    void theShopsOwnEventsGoEndToEndThroughItsOwnHandlersAndTheRunPasses() {
        assertThat(ran.console()).contains("com.example.shop.ShopEvents::define (shop-events.jar)");
        assertThat(ran.outcome().scenarios()).extracting(ScenarioResult::scenario).containsExactly("events");
        assertThat(ran.outcome().scenarios().get(0).checks()).hasSize(3)
                .allSatisfy(c -> assertThat(c.passed()).as(c.name() + " — " + c.detail()).isTrue());
        assertThat(ran.outcome().coverage().idle()).isEmpty();
        assertThat(ran.outcome().coverage().notRunnable()).isEmpty();
        assertThat(ran.outcome().loss().lost()).isZero();
        assertThat(ran.outcome().loss().deadLettered()).as("the order without an amount").isEqualTo(1);
        assertThat(ran.outcome().passed()).as(ran.console()).isTrue();
    }

    @Test
    void theDeadLetteredOrderIsListedWithTheErrorItsHandlerLogged() {
        CliRun.Outcome dlq = CliRun.edp("dlq", "list", "--local", "--stack", "dev", "--consumer", "billing",
                "--project-dir", project.toString());
        assertThat(dlq.exit()).as(dlq.err()).isZero();
        assertThat(dlq.out()).contains("billing: DLQ").contains("1 message(s)");
    }

    @Test
    void theArchivedWindowReplaysIntoBilling() throws Exception {
        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        CliRun.Outcome replay = CliRun.edp("replay", "--stack", "dev", "--local", "--project-dir", project.toString(),
                "--consumer", "billing", "--from", from.toString(), "--to", to.toString(), "--name", "shop-catch-up",
                "--poll-seconds", "0", "--settle-seconds", "0", "--json");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        JsonNode result = JSON.readTree(replay.out());
        assertThat(result.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("rules").fieldNames()).toIterable().containsExactly("billing");
    }
}
