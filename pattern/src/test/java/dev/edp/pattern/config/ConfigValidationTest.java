package dev.edp.pattern.config;

import com.pulumi.asset.FileArchive;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FileSourceArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.IamStatementArgs;
import dev.edp.pattern.inputs.LogLevel;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.pattern.inputs.ScheduleArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.pattern.inputs.TaskArgs;
import dev.edp.pattern.inputs.WorkflowArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad configuration fails at construction, with the field where it was written named in the message. */
class ConfigValidationTest {

    private static EventDrivenPatternArgs.Builder dev() {
        return EventDrivenPatternArgs.builder().environment("dev");
    }

    private static FunctionArgs.Builder jar() {
        return FunctionArgs.builder().code(new FileArchive("handlers.jar")).handler("com.acme.BillingHandler::handleRequest");
    }

    private static ConsumerArgs.Builder consumer(String name) {
        return ConsumerArgs.builder().name(name).eventPattern("{\"source\":[\"billing\"]}").function(jar().build());
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
    void theBarePatternOfEveryEnvironmentIsValid() {
        for (String env : List.of("dev", "staging", "prod")) {
            PatternSettings settings = SettingsResolver.resolve("edp", EventDrivenPatternArgs.builder().environment(env).build());
            assertThat(settings.environment().id()).isEqualTo(env);
            assertThat(settings.consumers()).isEmpty();
            assertThat(settings.bus().schemas()).isEmpty();
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
    void aConsumerWithoutPatternCodeOrHandler() {
        assertThat(problems(dev().consumers(ConsumerArgs.builder().name("billing").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].eventPattern:"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].function.code:"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].function.handler:"));
    }

    @Test
    void handlersAreCheckedForTheirRuntime() {
        assertThat(problems(dev().consumers(consumer("billing").function(jar().handler("handler").build()).build(),
                consumer("py").function(jar().runtime("python3.12").handler("app::handle").build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].function.handler:").contains("package.Class::method"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[py].function.handler:").contains("module.function"));
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
    void aBadValueIsNamedWhereItWasWrittenOnce() {
        // functionDefaults.memoryMb is wrong; every consumer inheriting it must not repeat the problem.
        List<String> problems = problems(dev().functionDefaults(FunctionArgs.builder().memoryMb(64).build())
                .consumers(consumer("a").build(), consumer("b").build()).build());
        assertThat(problems).filteredOn(p -> p.contains("memoryMb")).containsExactly(
                "functionDefaults.memoryMb: must be between 128 and 10240 (got 64)");
    }

    @Test
    void visibilityTimeoutBelowSixTimesTheFunctionTimeout() {
        var args = dev().consumers(consumer("billing")
                .function(jar().timeoutSeconds(60).build())
                .queue(QueueDefaultsArgs.builder().visibilityTimeoutSeconds(300).build())
                .build()).build();
        assertThat(problems(args)).anySatisfy(p -> assertThat(p)
                .startsWith("consumers[billing].queue.visibilityTimeoutSeconds:")
                .contains("6 x function.timeoutSeconds = 360").contains("got 300"));
    }

    @Test
    void visibilityTimeoutDefaultsToSixTimesTheFunctionTimeout() {
        var settings = SettingsResolver.resolve("edp", dev().consumers(consumer("billing")
                .function(jar().timeoutSeconds(45).build()).build()).build());
        assertThat(settings.consumer("billing").orElseThrow().queue().visibilityTimeoutSeconds()).isEqualTo(270);
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
        SettingsResolver.resolve("edp", dev().consumers(consumer("order-processor").build())
                .subscriptions(SubscriptionArgs.builder().topic("notifications")
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
        assertThat(problems(dev().consumers(consumer("billing")
                .alarms(AlarmArgs.builder().lambdaDurationP99Ms(31_000.0).build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].alarms.lambdaDurationP99Ms:"));
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
        assertThat(problems(dev().functionDefaults(FunctionArgs.builder().logRetentionDays(days).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("functionDefaults.logRetentionDays:"));
    }

    @Test
    void negativeArchiveRetention() {
        assertThat(problems(dev().bus(BusArgs.builder().archiveRetentionDays(-1).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("bus.archiveRetentionDays:"));
    }

    @Test
    void duplicateNames() {
        assertThat(problems(dev().consumers(consumer("billing").build(), consumer("billing").build()).build()))
                .anySatisfy(p -> assertThat(p).isEqualTo("consumers[1].name: duplicate consumer or task name 'billing'"));
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 127, 10_241, 20_000})
    void memoryOutsideWhatLambdaAccepts(int mb) {
        assertThat(problems(dev().functionDefaults(FunctionArgs.builder().memoryMb(mb).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("functionDefaults.memoryMb:").contains("between 128 and 10240"));
        assertThat(problems(dev().consumers(consumer("billing")
                .function(jar().memoryMb(mb).build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].function.memoryMb:"));
    }

    @Test
    void snapStartWithProvisionedConcurrency() {
        assertThat(problems(dev().functionDefaults(FunctionArgs.builder().snapStart(true)
                .provisionedConcurrency(2).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("functionDefaults.snapStart:"));
    }

    @Test
    void snapStartIsForJava() {
        assertThat(problems(dev().consumers(consumer("py").function(jar().runtime("python3.12")
                .handler("app.handle").snapStart(true).build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[py].function.snapStart:").contains("Java"));
    }

    @Test
    void schemaDiscoveryOnAKeyEncryptedBus() {
        assertThat(problems(dev().bus(BusArgs.builder().encryptWithPatternKey(true).schemaDiscovery(true).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("bus.schemaDiscovery:"));
        SettingsResolver.resolve("edp", dev().bus(BusArgs.builder().encryptWithPatternKey(true).build()).build());
    }

    @Test
    void workflowLoggingCannotBeTurnedOff() {
        assertThat(problems(dev().consumers(ConsumerArgs.builder().name("flow").kind("workflow")
                .eventPattern("{\"source\":[\"x\"]}")
                .workflow(WorkflowArgs.builder().definition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}")
                        .logLevel("OFF").build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[flow].workflow.logLevel:"));
    }

    @Test
    void aWorkflowDefinitionNamesOnlyWhatExists() {
        assertThat(problems(dev().consumers(ConsumerArgs.builder().name("flow").kind("workflow")
                .eventPattern("{\"source\":[\"x\"]}")
                .workflow(WorkflowArgs.builder()
                        .definition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"${task:missing}\",\"End\":true}}}")
                        .tasks(TaskArgs.builder().name("present").function(jar().build()).build())
                        .build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[flow].workflow.definition:")
                        .contains("${task:missing}").contains("task:present"));
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
    void unknownGrantsAndGrantsOfWhatDoesNotExist() {
        assertThat(problems(dev().consumers(consumer("billing").grants("table:admin", "bucket:nowhere:read",
                "workflow:nothing:callback").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].grants:").contains("table:admin"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].grants:").contains("'nowhere'"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].grants:").contains("'nothing'"));
    }

    @Test
    void extraStatementsWithWildcardsAreRefused() {
        assertThat(problems(dev().consumers(consumer("billing").statements(
                IamStatementArgs.builder().actions("s3:*").resources("arn:aws:s3:::reports/*").build(),
                IamStatementArgs.builder().actions("*").resources("arn:aws:s3:::reports").build(),
                IamStatementArgs.builder().actions("s3:GetObject").resources("*").build(),
                IamStatementArgs.builder().actions("s3:GetObject").build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].statements[0].actions:").contains("'s3:*'"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].statements[1].actions:").contains("'*'"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].statements[2].resources:").contains("'*'"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].statements[3].resources:"));
    }

    @Test
    void kindSpecificFieldsOnTheWrongKind() {
        assertThat(problems(dev().consumers(consumer("billing").retryAttempts(1).targetBusArn("arn:aws:events:x")
                .build(), ConsumerArgs.builder().name("fanout").kind("topic").eventPattern("{\"source\":[\"x\"]}")
                .fifo(true).build(), ConsumerArgs.builder().name("odd").kind("stream")
                .eventPattern("{\"source\":[\"x\"]}").build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].retryAttempts:").contains("kind queue"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].targetBusArn:"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[fanout].fifo:"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[odd].kind:"));
    }

    @Test
    void fileSourcesAndSchedulesAreChecked() {
        assertThat(problems(dev()
                .fileSources(FileSourceArgs.builder().name("Bad Name").build())
                .consumers(consumer("files").eventPattern(null).fileSource("nowhere").build())
                .schedules(ScheduleArgs.builder().name("nightly").expression("every night").build(),
                        ScheduleArgs.builder().name("poke").expression("rate(5 minutes)").consumer("nobody").build())
                .build()))
                .anySatisfy(p -> assertThat(p).startsWith("fileSources[0].name:"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[files].fileSource:").contains("'nowhere'"))
                .anySatisfy(p -> assertThat(p).startsWith("schedules[nightly].expression:"))
                .anySatisfy(p -> assertThat(p).startsWith("schedules[poke].consumer:"));
    }

    @Test
    void consumerAlarmsSetThresholdsOnly() {
        assertThat(problems(dev().consumers(consumer("billing").alarms(AlarmArgs.builder().enabled(false)
                .lambdaErrors(-1.0).build()).build()).build()))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].alarms:").contains("pattern-wide"))
                .anySatisfy(p -> assertThat(p).startsWith("consumers[billing].alarms.lambdaErrors:"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var args = EventDrivenPatternArgs.builder().environment("qa")
                .functionDefaults(FunctionArgs.builder().memoryMb(64).build())
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
        assertThat(List.of(dev, staging, prod)).extracting(s -> s.table().deletionProtection())
                .containsExactly(false, false, true);
        assertThat(staging.functionDefaults().snapStart()).isTrue();
        assertThat(dev.functionDefaults().logLevel()).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void stagingTurnsSnapStartOnForJavaOnly() {
        var staging = SettingsResolver.resolve("edp", EventDrivenPatternArgs.builder().environment("staging")
                .consumers(consumer("java").build(), consumer("py").function(jar().runtime("python3.12")
                        .handler("app.handle").build()).build()).build());
        assertThat(staging.consumer("java").orElseThrow().function().orElseThrow().snapStart()).isTrue();
        assertThat(staging.consumer("py").orElseThrow().function().orElseThrow().snapStart()).isFalse();
    }

    @Test
    void theComponentNameIsChecked() {
        assertThatThrownBy(() -> SettingsResolver.resolve("Bad_Name", dev().build()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("name: the component name must be");
    }

    @Test
    void aValueOutsideAClosedSetIsNamedWithTheSetsValues() {
        List<String> problems = problems(dev()
                .functionDefaults(FunctionArgs.builder().architecture("arm").logLevel("VERBOSE").build())
                .subscriptions(SubscriptionArgs.builder().topic("pager").protocol("sms").endpoint("x").build())
                .consumers(consumer("billing").kind("lambda").build())
                .build());
        assertThat(problems)
                .contains("functionDefaults.architecture: must be arm64 or x86_64 (got 'arm')")
                .contains("functionDefaults.logLevel: must be TRACE, DEBUG, INFO, WARN, ERROR or FATAL (got 'VERBOSE')")
                .contains("subscriptions[0].topic: must be notifications or alarms (got 'pager')")
                .contains("subscriptions[0].protocol: must be email, sqs, lambda, https or firehose (got 'sms')")
                .contains("consumers[billing].kind: must be queue, function, workflow, topic or bus (got 'lambda')");
    }

    @Test
    void theBuildersTakeTheEnumsAsTheirIds() {
        var settings = SettingsResolver.resolve("edp", EventDrivenPatternArgs.builder()
                .environment(Environment.STAGING)
                .functionDefaults(jar().architecture(dev.edp.pattern.inputs.Architecture.X86_64)
                        .logLevel(dev.edp.pattern.inputs.LogLevel.WARN).build())
                .subscriptions(SubscriptionArgs.builder().topic(dev.edp.pattern.inputs.PatternTopic.ALARMS)
                        .protocol(dev.edp.pattern.inputs.SubscriptionProtocol.EMAIL).endpoint("ops@example.com").build())
                .consumers(consumer("billing").kind(PatternSettings.Kind.FUNCTION)
                        .grants(dev.edp.pattern.inputs.PatternGrant.TABLE_READ,
                                dev.edp.pattern.inputs.PatternGrant.BUS_PUT_EVENTS).build())
                .build());
        assertThat(settings.environment()).isEqualTo(Environment.STAGING);
        assertThat(settings.functionDefaults().architecture()).isEqualTo(dev.edp.pattern.inputs.Architecture.X86_64);
        assertThat(settings.functionDefaults().logLevel()).isEqualTo(LogLevel.WARN);
        assertThat(settings.subscriptions().get(0).topic()).isEqualTo("alarms");
        assertThat(settings.subscriptions().get(0).protocol()).isEqualTo(dev.edp.pattern.inputs.SubscriptionProtocol.EMAIL);
        var billing = settings.consumer("billing").orElseThrow();
        assertThat(billing.kind()).isEqualTo(PatternSettings.Kind.FUNCTION);
        assertThat(billing.grants()).extracting(Grant::kind).containsExactly(Grant.Kind.TABLE_READ, Grant.Kind.BUS_PUT_EVENTS);
    }
}
