package dev.edp.cli.local;

import dev.edp.sandbox.Sandbox;
import dev.edp.cli.local.run.ChecklistItem;
import dev.edp.cli.local.run.LossAccount;
import dev.edp.cli.local.run.ScenarioContext;
import dev.edp.cli.local.run.ScenarioResult;
import dev.edp.cli.local.run.Trace;
import dev.edp.cli.local.run.cur.CurScenario;
import dev.edp.cli.local.run.cur.CurUpload;
import dev.edp.cli.local.run.cur.CurUploads;
import dev.edp.cli.local.run.cur.SeedChecklist;
import dev.edp.cli.synth.Synth;
import dev.edp.cli.local.run.DeliveryLedger;
import dev.edp.cli.local.run.Notifications;
import dev.edp.cli.local.run.RunObserver;
import dev.edp.cli.synth.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checklist is decided by what happens, not printed: the dev stack deployed, then its default-bus forwarding
 * rule stripped of its targets (seed 001's deployment, where S3's events never reached the custom bus). The same
 * uploads then fail the checklist from its first item on, and the run counts them as lost.
 */
class Seed001OnTheSandboxIT {

    @TempDir
    Path logs;

    @Test
    void withoutTheForwardingRuleTheChecklistFailsAndTheUploadsAreLost() throws Exception {
        try (Sandbox sandbox = Sandbox.start(0, "us-east-1")) {
            var stack = sandbox.deploy(Synth.repositoryStack(Stacks.projectDir(), "dev"));
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            DeliveryLedger ledger = new DeliveryLedger();
            RunObserver observer = new RunObserver(new Trace(quiet), ledger);
            sandbox.run(logs, observer);
            String rule = stack.graph().ofType("aws:cloudwatch/eventRule:EventRule").stream()
                    .filter(r -> "default".equals(r.string("eventBusName"))).findFirst().orElseThrow().name();
            String ruleName = stack.deployment().id("aws:cloudwatch/eventRule:EventRule", rule).split("\\|")[1];
            var targets = sandbox.aws().events().listTargetsByRule(b -> b.rule(ruleName)).targets();
            sandbox.aws().events().removeTargets(b -> b.rule(ruleName).ids(targets.stream().map(t -> t.id()).toList()));

            String topic = String.valueOf(stack.exports().get("notificationsTopicArn"));
            Notifications notifications = Notifications.subscribe(sandbox.aws().sqs(), sandbox.aws().sns(), topic,
                    observer::notified);
            ScenarioContext context = new ScenarioContext(sandbox, ledger, notifications, new Trace(quiet),
                    new CurUploads(), Duration.ofSeconds(8), quiet);
            ScenarioResult cur = new CurScenario().run(context);
            List<ChecklistItem> checklist = SeedChecklist.evaluate(context);
            LossAccount loss = LossAccount.of(context, context.uploads().all().stream().map(CurUpload::uri).toList());

            assertThat(cur.passed()).isFalse();
            assertThat(checklist).allSatisfy(item ->
                    assertThat(item.status()).as(item.item()).isEqualTo(ChecklistItem.Status.FAILED));
            assertThat(loss.lost()).isEqualTo(2);
            assertThat(loss.details()).allSatisfy(d -> assertThat(d).contains("never reached the bus"));
            notifications.close();
        }
    }
}
