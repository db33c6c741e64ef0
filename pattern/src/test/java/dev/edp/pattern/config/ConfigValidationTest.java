package dev.edp.pattern.config;

import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionDefaultsArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.pattern.inputs.WorkflowArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad configuration fails at construction, with the field that is wrong named in the message. */
class ConfigValidationTest {

    private static EventDrivenPatternArgs.Builder dev() {
        return EventDrivenPatternArgs.builder().environment("dev");
    }

    private static ConsumerArgs.Builder consumer(String name) {
        return ConsumerArgs.builder().name(name).eventPattern("{\"source\":[\"billing\"]}")
                .handler("com.acme.BillingHandler::handleRequest");
    }

    private static List<String> problems(EventDrivenPatternArgs args) {
        try {
            SettingsResolver.resolve("edp", args);
        } catch (InvalidConfigException e) {
            assertThat(e.getMessage()).contains(e.problems().get(0));
            return e.problems();
        }
        throw new AssertionError("the configuration was accepted");
    }

    @Test
    void theDefaultsOfEveryEnvironmentAreValid() {
        for (String env : List.of("dev", "staging", "prod")) {
            PatternSettings settings = SettingsResolver.resolve("edp", EventDrivenPatternArgs.builder().environment(env).build());
            assertThat(settings.environment().id()).isEqualTo(env);
            assertThat(settings.consumers()).extracting(PatternSettings.ConsumerSettings::name).containsExactly(
                    "order-processor", "inventory-processor", "notification-processor", "approval-processor", "cur-ingest");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qa", "Production", ""})
    void unknownEnvironment(String environment) {
        assertThat(problems(EventDrivenPatternArgs.builder().environment(environment).build()))
                .anySatisfy(p -> assertThat(p).startsWith("environment:").contains("dev, staging, prod"));
    }

    @Test
    void missingEnvironment() {
        assertThat(problems(EventDrivenPatternArgs.builder().build()))
                .anySatisfy(p -> assertThat(p).startsWith("environment:").contains("got nothing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{}"})
    void emptyEventPattern(String pattern) {
        assertThat(problems(dev().consumers(consumer("billing").eventPattern(pattern).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].eventPattern:"));
    }

    @Test
    void nonJsonEventPattern() {
        assertThat(problems(dev().consumers(consumer("billing").eventPattern("source = billing").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].eventPattern: is not JSON"));
    }

    @Test
    void eventPatternThatEventBridgeWouldReject() {
        // Values in an EventBridge pattern must be arrays: event-ruler (EventBridge's matcher) says so.
        assertThat(problems(dev().consumers(consumer("billing").eventPattern("{\"source\":\"billing\"}").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].eventPattern: is not a valid EventBridge pattern"));
    }

    @Test
    void newConsumerWithoutPatternOrHandler() {
        assertThat(problems(dev().consumers(ConsumerArgs.builder().name("billing").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].eventPattern:"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].handler:"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001})
    void maxReceiveCountOutsideWhatSqsAccepts(int count) {
        assertThat(problems(dev().queueDefaults(QueueDefaultsArgs.builder().maxReceiveCount(count).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("queueDefaults.maxReceiveCount:").contains("between 1 and 1000"));
        assertThat(problems(dev().consumers(consumer("billing")
                .queue(QueueDefaultsArgs.builder().maxReceiveCount(count).build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].queue.maxReceiveCount:"));
    }

    @Test
    void visibilityTimeoutBelowSixTimesTheFunctionTimeout() {
        var args = dev().consumers(consumer("billing")
                .function(FunctionDefaultsArgs.builder().timeoutSeconds(60).build())
                .queue(QueueDefaultsArgs.builder().visibilityTimeoutSeconds(300).build())
                .build()).build();
        assertThat(problems(args)).anySatisfy(p -> assertThat(p)
                .startsWith("consumers[billing].queue.visibilityTimeoutSeconds:")
                .contains("6 x function.timeoutSeconds = 360").contains("got 300"));
    }

    @Test
    void visibilityTimeoutDefaultsToSixTimesTheFunctionTimeout() {
        var settings = SettingsResolver.resolve("edp", dev().consumers(consumer("billing")
                .function(FunctionDefaultsArgs.builder().timeoutSeconds(45).build()).build()).build());
        assertThat(settings.consumer("billing").orElseThrow().queue().visibilityTimeoutSeconds()).isEqualTo(270);
        assertThat(settings.consumer("cur-ingest").orElseThrow().queue().visibilityTimeoutSeconds()).isEqualTo(5400);
    }

    @Test
    void fifoConsumerWithoutMessageGroupId() {
        assertThat(problems(dev().consumers(consumer("ledger").fifo(true).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[ledger].messageGroupId:").contains("FIFO"));
    }

    @Test
    void messageGroupIdWithoutFifo() {
        assertThat(problems(dev().consumers(consumer("ledger").messageGroupId("accounts").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[ledger].messageGroupId:"));
    }

    // Issue 11, item 9: SQS keeps the first enqueue time, so a DLQ as old as its source keeps nothing.
    @Test
    void dlqRetentionEqualToTheQueuesLosesMessagesToo() {
        assertThat(problems(dev().queueDefaults(QueueDefaultsArgs.builder().messageRetentionSeconds(1_209_600)
                .dlqRetentionSeconds(1_209_600).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("queueDefaults.dlqRetentionSeconds:")
                        .contains("more than messageRetentionSeconds"));
        assertThat(problems(dev().consumers(consumer("billing").queue(QueueDefaultsArgs.builder()
                .messageRetentionSeconds(1_209_600).build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].queue.dlqRetentionSeconds:"));
    }

    @Test
    void everyPresetsDlqsOutliveTheirQueues() {
        for (String env : List.of("dev", "staging", "prod")) {
            var settings = SettingsResolver.resolve("edp", EventDrivenPatternArgs.builder().environment(env).build());
            assertThat(settings.queueDefaults().dlqRetentionSeconds()).as(env)
                    .isGreaterThan(settings.queueDefaults().messageRetentionSeconds());
            assertThat(settings.consumers()).allSatisfy(c -> assertThat(c.queue().dlqRetentionSeconds())
                    .isGreaterThan(c.queue().messageRetentionSeconds()));
        }
    }

    // Issue 11, item 4: a message group may be a JSON path into the event, in the syntax EventBridge resolves.
    @Test
    void messageGroupIdMayBeAPathIntoTheEvent() {
        SettingsResolver.resolve("edp", dev().consumers(consumer("ledger").fifo(true)
                .messageGroupId("$.detail.order_id").build()).build());
        assertThat(problems(dev().consumers(consumer("ledger").fifo(true).messageGroupId("$.detail[?(@.x)]")
                .build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[ledger].messageGroupId:").contains("JSON path"));
        assertThat(problems(dev().consumers(consumer("ledger").fifo(true).messageGroupId("g".repeat(101))
                .build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[ledger].messageGroupId:").contains("100"));
    }

    // Issue 11, item 6: sqs and lambda subscriptions name an ARN of their kind, or a consumer of the pattern.
    @Test
    void sqsAndLambdaSubscriptionsNeedAnArnOfTheirKindOrAConsumer() {
        SettingsResolver.resolve("edp", dev().subscriptions(SubscriptionArgs.builder().topic("notifications")
                .protocol("sqs").endpoint("consumer:order-processor").build()).build());
        assertThat(problems(dev().subscriptions(
                SubscriptionArgs.builder().topic("notifications").protocol("sqs").endpoint("consumer:nope").build(),
                SubscriptionArgs.builder().topic("notifications").protocol("lambda")
                        .endpoint("arn:aws:sqs:us-east-1:123456789012:q").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("subscriptions[0].endpoint:").contains("nope"))
                .anySatisfy(p -> assertThat(p).startsWith("subscriptions[1].endpoint:").contains("lambda ARN"));
    }

    @Test
    void aConsumersOwnP99ThresholdMustFitItsTimeout() {
        assertThat(problems(dev().consumers(consumer("billing").durationAlarmP99Ms(31_000.0).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].durationAlarmP99Ms:"));
    }

    @ParameterizedTest
    @ValueSource(ints = {59, 1_209_601})
    void messageRetentionOutsideWhatSqsAccepts(int seconds) {
        assertThat(problems(dev().queueDefaults(QueueDefaultsArgs.builder().messageRetentionSeconds(seconds)
                .dlqRetentionSeconds(1_209_600).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("queueDefaults.messageRetentionSeconds:"));
    }

    @Test
    void dlqRetentionShorterThanTheQueuesLosesMessages() {
        assertThat(problems(dev().queueDefaults(QueueDefaultsArgs.builder().messageRetentionSeconds(864_000)
                .dlqRetentionSeconds(86_400).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("queueDefaults.dlqRetentionSeconds:")
                        .contains("original enqueue time"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 10000})
    void logRetentionCloudWatchDoesNotOffer(int days) {
        assertThat(problems(dev().functionDefaults(FunctionDefaultsArgs.builder().logRetentionDays(days).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("functionDefaults.logRetentionDays:"));
    }

    @Test
    void negativeArchiveRetention() {
        assertThat(problems(dev().bus(BusArgs.builder().archiveRetentionDays(-1).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("bus.archiveRetentionDays:"));
    }

    @Test
    void duplicateConsumerNames() {
        assertThat(problems(dev().consumers(consumer("billing").build(), consumer("billing").build()).build()))
                .anySatisfy(p -> assertThat(p).isEqualTo("consumers[1].name: duplicate consumer name 'billing'"));
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 127, 10_241, 20_000})
    void memoryOutsideWhatLambdaAccepts(int mb) {
        assertThat(problems(dev().functionDefaults(FunctionDefaultsArgs.builder().memoryMb(mb).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("functionDefaults.memoryMb:").contains("between 128 and 10240"));
        assertThat(problems(dev().consumers(consumer("billing")
                .function(FunctionDefaultsArgs.builder().memoryMb(mb).build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].function.memoryMb:"));
    }

    @Test
    void snapStartWithProvisionedConcurrency() {
        assertThat(problems(dev().functionDefaults(FunctionDefaultsArgs.builder().snapStart(true)
                .provisionedConcurrency(2).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("functionDefaults.snapStart:"));
    }

    @Test
    void schemaDiscoveryOnAKeyEncryptedBus() {
        assertThat(problems(dev().bus(BusArgs.builder().encryptWithPatternKey(true).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("bus.schemaDiscovery:"));
        SettingsResolver.resolve("edp", dev().bus(BusArgs.builder().encryptWithPatternKey(true)
                .schemaDiscovery(false).build()).build());
    }

    @Test
    void workflowLoggingCannotBeTurnedOff() {
        assertThat(problems(dev().workflow(WorkflowArgs.builder().logLevel("OFF").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("workflow.logLevel:"));
    }

    @Test
    void badSubscription() {
        assertThat(problems(dev().subscriptions(SubscriptionArgs.builder().topic("pager").protocol("sms")
                .endpoint("").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("subscriptions[0].topic:"))
                .anySatisfy(p -> assertThat(p).startsWith("subscriptions[0].protocol:"))
                .anySatisfy(p -> assertThat(p).startsWith("subscriptions[0].endpoint:"));
    }

    @Test
    void unknownGrant() {
        assertThat(problems(dev().consumers(consumer("billing").grants("table:admin").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].grants:").contains("table:admin"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var args = EventDrivenPatternArgs.builder().environment("qa")
                .functionDefaults(FunctionDefaultsArgs.builder().memoryMb(64).build())
                .queueDefaults(QueueDefaultsArgs.builder().maxReceiveCount(0).build())
                .consumers(consumer("billing").eventPattern("nope").build())
                .build();
        assertThat(problems(args)).hasSizeGreaterThanOrEqualTo(4)
                .anySatisfy(p -> assertThat(p).startsWith("environment:"))
                .anySatisfy(p -> assertThat(p).startsWith("functionDefaults.memoryMb:"))
                .anySatisfy(p -> assertThat(p).startsWith("queueDefaults.maxReceiveCount:"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].eventPattern:"));
    }

    @Test
    void aSeedConsumerIsOverriddenFieldByField() {
        var settings = SettingsResolver.resolve("edp", dev().consumers(ConsumerArgs.builder()
                .name("order-processor")
                .function(FunctionDefaultsArgs.builder().memoryMb(1536).build())
                .build()).build());
        var orders = settings.consumer("order-processor").orElseThrow();
        assertThat(orders.function().memoryMb()).isEqualTo(1536);
        assertThat(orders.handler()).isEqualTo(RuntimeHandlers.ORDER_PROCESSOR);
        assertThat(orders.eventPattern()).hasValueSatisfying(p -> assertThat(p).contains("Order Created"));
        assertThat(orders.function().timeoutSeconds()).isEqualTo(30);
    }

    @Test
    void aSeedConsumerCanBeLeftOut() {
        var settings = SettingsResolver.resolve("edp", dev()
                .consumers(ConsumerArgs.builder().name("notification-processor").enabled(false).build()).build());
        assertThat(settings.consumer("notification-processor")).isEmpty();
        assertThat(settings.consumers()).hasSize(4);
    }

    @Test
    void presetsFollowSeed004() {
        var dev = SettingsResolver.resolve("edp", EventDrivenPatternArgs.builder().environment("dev").build());
        var staging = SettingsResolver.resolve("edp", EventDrivenPatternArgs.builder().environment("staging").build());
        var prod = SettingsResolver.resolve("edp", EventDrivenPatternArgs.builder().environment("prod").build());
        assertThat(List.of(dev, staging, prod)).extracting(s -> s.functionDefaults().logRetentionDays())
                .containsExactly(7, 14, 90);
        assertThat(dev.functionDefaults().memoryMb()).isLessThan(staging.functionDefaults().memoryMb());
        assertThat(staging.functionDefaults().memoryMb()).isLessThan(prod.functionDefaults().memoryMb());
        assertThat(List.of(dev, staging, prod)).extracting(s -> s.functionDefaults().provisionedConcurrency())
                .containsExactly(0, 0, 2);
        assertThat(List.of(dev, staging, prod)).extracting(s -> s.workflow().logLevel())
                .containsExactly("ALL", "ALL", "ERROR");
        assertThat(List.of(dev, staging, prod)).extracting(s -> s.table().deletionProtection())
                .containsExactly(false, false, true);
        assertThat(dev.functionDefaults().logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void theComponentRegistersNothingWhenItsConfigIsInvalid() {
        assertThatThrownBy(() -> SettingsResolver.resolve("Bad_Name", dev().build()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("name: the component name must be");
    }
}
