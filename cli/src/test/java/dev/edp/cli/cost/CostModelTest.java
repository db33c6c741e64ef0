package dev.edp.cli.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.ops.OpsException;
import dev.edp.cli.synth.Stacks;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.AuditArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import com.pulumi.asset.FileArchive;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The estimate's arithmetic against cases computed by hand, and its inputs read from real graphs. */
class CostModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One consumer (512 MB, arm64, batch 10), a 30-day archive, schema discovery, alarms; nothing else. */
    private static ResourceGraph oneConsumer() {
        MockedProgram.Run run = MockedProgram.of("shop", "dev", Map.of("aws:region", "us-east-1"))
                .run(ctx -> new EventDrivenPattern("shop", EventDrivenPatternArgs.builder()
                        .environment("dev")
                        .audit(AuditArgs.builder().enabled(false).build())
                        .bus(BusArgs.builder().archiveRetentionDays(30).build())
                        .consumers(ConsumerArgs.builder().name("billing").eventPattern("{\"source\":[\"billing\"]}")
                                .function(FunctionArgs.builder().code(new FileArchive("billing.jar"))
                                        .handler("com.acme.Billing::handle").build())
                                .build())
                        .build(), null));
        assertThat(run.failure()).isNull();
        return run.graph();
    }

    private static Volumes typical(String json) throws Exception {
        return Volumes.parse("test volumes", JSON.readTree("{\"typical\": " + json + "}"), Volumes.load(Optional.empty()));
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aSmallStackIsPricedExactlyAsComputedByHand() throws Exception {
        ResourceGraph graph = oneConsumer();
        StackInventory stack = StackInventory.of(graph);
        int alarms = graph.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").size();
        assertThat(stack.functions()).singleElement().satisfies(f -> {
            assertThat(f.memoryMb()).isEqualTo(512);
            assertThat(f.architecture()).isEqualTo("arm64");
            assertThat(f.batchSize()).isEqualTo(10);
            assertThat(f.role()).isEqualTo(StackInventory.Role.CONSUMER);
        });
        Volumes volumes = typical("""
                {"events": 1048576, "eventSizeKb": 2, "deliveriesPerEvent": 1, "messagesPerInvocation": 8,
                 "functionDurationMs": 250, "tableWritesPerMessage": 2, "tableReadsPerMessage": 1,
                 "notificationsPerMessage": 0.5, "logKbPerInvocation": 8, "pollerReceivesPerQueue": 100000,
                 "otherKmsRequests": 0}""");

        CostModel.Estimate e = new CostModel(stack, PriceTable.usEast1()).estimate(Scenario.TYPICAL, volumes);

        // EventBridge: 1,048,576 events x $1/M = 1.048576; discovery x $0.10/M = 0.1048576;
        // archive: 1,048,576 x 2 KB = 2 GB, kept 30 days = 2 GB-months x $0.10 = 0.2.
        assertThat(e.total(Component.EVENTBRIDGE)).isEqualByComparingTo("1.3534336");
        // Lambda: 1,048,576 / 8 = 131,072 invocations x $0.20/M = 0.0262144;
        // 131,072 x 0.25 s x 0.5 GB = 16,384 GB-s x $0.0000133334 = 0.2184544256.
        assertThat(e.total(Component.LAMBDA)).isEqualByComparingTo("0.2446688256");
        // SQS: 1,048,576 sends + 2 x 131,072 (receive, delete) + 100,000 poller receives = 1,410,720 x $0.40/M.
        assertThat(e.total(Component.SQS)).isEqualByComparingTo("0.564288");
        // SNS: 524,288 publishes x $0.50/M.
        assertThat(e.total(Component.SNS)).isEqualByComparingTo("0.262144");
        // DynamoDB: 2,097,152 WRU x $0.625/M = 1.31072; 1,048,576 RRU x $0.125/M = 0.131072.
        assertThat(e.total(Component.DYNAMODB)).isEqualByComparingTo("1.441792");
        // CloudWatch: the graph's alarms x $0.10 + 1 dashboard x $3 + 131,072 x 8 KB = 1 GB of logs x $0.50.
        assertThat(e.total(Component.CLOUDWATCH)).isEqualByComparingTo(d("0.10").multiply(BigDecimal.valueOf(alarms))
                .add(d("3.5")));
        // KMS: 1 key x $1 + min(2 x 1,048,576, 2 x 2,592,000 / 300 = 17,280) requests x $0.03/10,000 = 0.05184.
        assertThat(e.total(Component.KMS)).isEqualByComparingTo("1.05184");
        // No workflow, audit trail or cost reports in this stack: nothing is invented for them.
        assertThat(e.total(Component.STEP_FUNCTIONS)).isZero();
        assertThat(e.total(Component.S3)).isZero();
        assertThat(e.items()).noneMatch(i -> i.component() == Component.FIREHOSE);
        // 1.3534336 + 0.2446688256 + 0.564288 + 0.262144 + 1.441792 + 3.5 + 1.05184 = 8.4181664256, plus the alarms.
        assertThat(e.total()).isEqualByComparingTo(d("8.4181664256").add(d("0.10").multiply(BigDecimal.valueOf(alarms))));
    }

    @Test
    void theDevStackIsCountedFromItsGraph() throws Exception {
        StackInventory dev = StackInventory.of(Stacks.graph("dev"));
        assertThat(dev.functions()).hasSize(9);
        assertThat(dev.functions(StackInventory.Role.CONSUMER)).hasSize(4)
                .allSatisfy(f -> assertThat(f.memoryMb()).isEqualTo(512));
        assertThat(dev.functions(StackInventory.Role.CUR_INGEST)).singleElement()
                .satisfies(f -> assertThat(f.memoryMb()).isEqualTo(1769));
        assertThat(dev.functions(StackInventory.Role.WORKFLOW_TASK)).hasSize(4);
        assertThat(dev.queues()).hasSize(12);
        assertThat(dev.archiveRetentionDays()).contains(7);
        assertThat(dev.audit()).hasValueSatisfying(a -> assertThat(a.standardDays()).isEqualTo(30));
        assertThat(dev.alarms()).isEqualTo(Stacks.graph("dev").ofType("aws:cloudwatch/metricAlarm:MetricAlarm").size());

        // Minimum volumes: 10,000 events, 1 report, 100 executions of the 16-state workflow (1,600 transitions).
        CostModel.Estimate minimum = new CostModel(dev, PriceTable.usEast1())
                .estimate(Scenario.MINIMUM, Volumes.load(Optional.empty()));
        assertThat(minimum.total(Component.STEP_FUNCTIONS)).isEqualByComparingTo(
                BigDecimal.valueOf(100L * dev.workflowStates()).multiply(d("0.025")).divide(d("1000")));
        // cur-ingest: 1 report x 5 s x 1769/1024 GB at the Arm price, beside the other functions' GB-seconds.
        assertThat(minimum.items()).filteredOn(i -> i.item().equals("custom events on the bus"))
                .singleElement().satisfies(i -> assertThat(i.quantity()).isEqualByComparingTo("10001"));
    }

    @Test
    void provisionedConcurrencyIsCountedButNotPriced() {
        StackInventory prod = StackInventory.of(Stacks.graph("prod"));
        assertThat(prod.functions()).allSatisfy(f -> assertThat(f.provisionedConcurrency()).isEqualTo(2));
        CostModel.Estimate typical = new CostModel(prod, PriceTable.usEast1())
                .estimate(Scenario.TYPICAL, Volumes.load(Optional.empty()));
        LineItem provisioned = typical.items().stream().filter(i -> i.item().equals("provisioned concurrency"))
                .findFirst().orElseThrow();
        // 8 functions x 2 x 2 GB + cur-ingest 2 x 1769/1024 GB, for 2,592,000 s.
        assertThat(provisioned.quantity()).isEqualByComparingTo("91899562.5");
        assertThat(provisioned.price()).isEmpty();
        assertThat(provisioned.cost()).isZero();
    }

    @Test
    void everyPriceNamesItsSourceAndDate() {
        PriceTable prices = PriceTable.usEast1();
        assertThat(prices.region()).isEqualTo("us-east-1");
        assertThat(prices.prices().values()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.source()).contains("https://");
            assertThat(p.sourceDate()).isNotBlank();
            assertThat(p.usd().signum()).isPositive();
        });
        assertThat(prices.price("lambda.duration.arm64").of(d("16384"))).isEqualByComparingTo("0.2184544256");
        assertThatThrownBy(() -> PriceTable.parse("t.json", JSON.readTree(
                "{\"region\":\"r\",\"basis\":\"b\",\"prices\":{\"x\":{\"usd\":\"one\",\"per\":\"1\"}}}")))
                .hasMessage("t.json: prices.x.usd: not a decimal number");
    }

    @Test
    void aVolumesFileOverridesWhatItSetsAndIsCheckedNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("volumes.json");
        Files.writeString(file, "{\"typical\": {\"events\": 0.1, \"workflowExecutions\": \"250\"}}");
        Volumes volumes = Volumes.load(Optional.of(file));
        assertThat(volumes.get(Scenario.TYPICAL, "events")).isEqualByComparingTo("0.1");
        assertThat(volumes.get(Scenario.TYPICAL, "workflowExecutions")).isEqualByComparingTo("250");
        assertThat(volumes.get(Scenario.TYPICAL, "eventSizeKb")).isEqualByComparingTo("2");
        assertThat(volumes.get(Scenario.MAXIMUM, "events")).isEqualByComparingTo("20000000");

        Files.writeString(file, "{\"typical\": {\"evnts\": 1}}");
        assertThatThrownBy(() -> Volumes.load(Optional.of(file))).isInstanceOf(OpsException.class)
                .hasMessageStartingWith(file + ": typical.evnts: no such volume; volumes are events, ");
        Files.writeString(file, "{\"usual\": {}}");
        assertThatThrownBy(() -> Volumes.load(Optional.of(file)))
                .hasMessage(file + ": usual: not a scenario; use minimum, typical or maximum");
        Files.writeString(file, "{\"minimum\": {\"events\": -5}}");
        assertThatThrownBy(() -> Volumes.load(Optional.of(file)))
                .hasMessage(file + ": minimum.events: must be >= 0, got -5");
        Files.writeString(file, "{\"minimum\": {\"events\": \"many\"}}");
        assertThatThrownBy(() -> Volumes.load(Optional.of(file))).hasMessageContaining("minimum.events: not a number");
        assertThatThrownBy(() -> Volumes.load(Optional.of(dir.resolve("none.json"))))
                .hasMessage("--volumes " + dir.resolve("none.json") + ": no such file");
    }

    @Test
    void moneyIsShownToTheCentAndTinyAmountsAreNotShownAsZero() {
        assertThat(CostReport.money(d("1234.565"))).isEqualTo("$1,234.57");
        assertThat(CostReport.money(d("0.004"))).isEqualTo("<$0.01");
        assertThat(CostReport.money(BigDecimal.ZERO)).isEqualTo("$0.00");
        assertThat(CostReport.quantity(d("91899562.5"))).isEqualTo("91,899,562.5");
    }
}
