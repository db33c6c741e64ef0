package dev.edp.cli.examples;

import dev.edp.cli.CliRun;
import dev.edp.cli.local.run.Check;
import dev.edp.cli.local.run.ScenarioResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/platform on the sandbox, as its team runs {@code ./edp local --once --project-dir examples/platform}: its
 * own program on the bare pattern (PlatformEvents), its own stack file, and its own handlers in three runtimes: the
 * orders team's Java jar (examples/orders-handlers, where platform:ordersJar names it) behind a queue, the Python
 * function invoked asynchronously for partner uploads to an existing bucket (the sandbox stands in for that
 * bucket), and the fulfilment workflow's own ASL with its Node.js task. Its example events
 * (examples/platform/events) go end to end; the order without lines ends in the orders DLQ after maxReceiveCount,
 * the empty upload in enrich's on-failure destination after Lambda's retries; the hourly schedule is fired once.
 */
class PlatformOnTheSandboxIT {

    @TempDir
    static Path work;
    static Path project;
    static ExampleBuilds.SandboxRun ran;

    @BeforeAll
    static void runThePlatformOnTheSandbox() throws Exception {
        project = work.resolve("platform");
        ran = ExampleBuilds.buildAndRun("platform", List.of("events", "workflows", "handlers/python", "handlers/node"),
                "com.example.platform.PlatformEvents", "orders-handlers", project, work);
    }

    @AfterAll
    static void stop() {
        if (ran != null) {
            ran.close();
        }
    }

    @Test
    void thePlatformsOwnEventsGoThroughItsHandlersInThreeRuntimesAndTheRunPasses() {
        assertThat(ran.console()).contains("com.example.platform.PlatformEvents::define (platform-events.jar)")
                .contains("runs as a python3.12 subprocess").contains("runs as a nodejs20.x subprocess")
                .contains("λ reserve-stock (Step Functions task) → ok")
                .contains("bucket acme-partner-landing (EventBridge notifications on): stands in for an existing resource");
        assertThat(ran.outcome().scenarios()).extracting(ScenarioResult::scenario).containsExactly("events");
        List<Check> checks = ran.outcome().scenarios().get(0).checks();
        assertThat(checks).extracting(Check::name).containsExactly(
                "\"Order Placed\" reached a consumer and was settled",
                "\"Order Placed\" reached a consumer and was settled",
                "upload s3://acme-partner-landing/partners/acme/2026-12-01.json reached a consumer and was settled",
                "upload s3://acme-partner-landing/partners/acme/empty.json reached a consumer and was settled",
                "schedule platform-stock-check-schedule (rate(1 hour)) fired once: its event delivered by the bus");
        assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.name() + " — " + c.detail()).isTrue());
        assertThat(checks.get(0).detail()).contains("states platform-fulfilment", "sqs platform-orders-queue");
        assertThat(checks.get(2).detail()).contains("lambda platform-enrich-fn", "1 ok");
        assertThat(ran.outcome().coverage().idle()).isEmpty();
        assertThat(ran.outcome().coverage().notRunnable()).isEmpty();
        assertThat(ran.outcome().loss().lost()).isZero();
        assertThat(ran.outcome().passed()).as(ran.console()).isTrue();
    }

    @Test
    void theRefusedOrderAndTheEmptyUploadAreInTheirConsumersDlqs() {
        assertThat(ran.outcome().loss().deadLettered()).as("the order without lines, the empty upload").isEqualTo(2);
        CliRun.Outcome orders = CliRun.edp("dlq", "list", "--local", "--stack", "dev", "--consumer", "orders",
                "--project-dir", project.toString());
        assertThat(orders.exit()).as(orders.err()).isZero();
        assertThat(orders.out()).contains("orders: DLQ").contains("1 message(s)");
        CliRun.Outcome enrich = CliRun.edp("dlq", "list", "--local", "--stack", "dev", "--consumer", "enrich",
                "--project-dir", project.toString());
        assertThat(enrich.exit()).as(enrich.err()).isZero();
        assertThat(enrich.out()).contains("enrich: DLQ").contains("1 message(s)");
    }
}
