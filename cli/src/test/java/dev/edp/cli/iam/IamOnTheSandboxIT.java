package dev.edp.cli.iam;

import com.pulumi.asset.FileArchive;
import dev.edp.cli.local.run.DeliveryLedger;
import dev.edp.cli.local.run.RunObserver;
import dev.edp.cli.local.run.Trace;
import dev.edp.cli.synth.Stacks;
import dev.edp.events.StackExports;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.reference.RuntimeHandlers;
import dev.edp.sandbox.Sandbox;
import dev.edp.sandbox.program.StackFiles;
import dev.edp.sandbox.program.StackProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * IAM enforced in the sandbox: two consumers of the same order events run the same handler (EDP's order processor,
 * which writes the order to the table), one granted {@code table:write}, one not. The granted one's write lands; the
 * other's handler is refused by moto (its role's policy has no {@code dynamodb:PutItem}), the refusal is in its
 * function's log, and after its queue's maxReceiveCount deliveries the message is in its DLQ. The deploy ran as the
 * sandbox's administrator, and a key moto does not know is refused.
 */
class IamOnTheSandboxIT {

    private static final int MAX_RECEIVE_COUNT = 2;
    private static final String ORDER = "{\"order_id\":\"ORD-IAM-1\",\"customer_id\":\"CUST-1\",\"items\":[{\"item_id\":"
            + "\"ITEM-001\",\"quantity\":1,\"price\":5}],\"total\":5,\"timestamp\":\"2024-01-15T10:00:00Z\"}";

    @TempDir
    static Path logs;

    private static Sandbox sandbox;
    private static Map<String, Object> exports;

    /** The pattern with the two consumers; every function runs EDP's runtime jar. */
    private static void define(com.pulumi.Context ctx) {
        String jar = Stacks.projectDir().resolve(RuntimeHandlers.DEFAULT_JAR).toAbsolutePath().toString();
        var edp = new EventDrivenPattern("iam", EventDrivenPatternArgs.builder()
                .environment("dev")
                .functionDefaults(FunctionArgs.builder().code(new FileArchive(jar)).build())
                .consumers(orderConsumer("granted", "table:read", "table:write", "notifications:publish"),
                        orderConsumer("not-granted", "table:read", "notifications:publish"))
                .build(), null);
        ctx.export(StackExports.BUS_NAME, edp.busName());
        ctx.export(StackExports.TABLE_NAME, edp.tableName());
        ctx.export(StackExports.QUEUE_URLS, edp.queueUrls());
        ctx.export(StackExports.DEAD_LETTER_QUEUE_URLS, edp.deadLetterQueueUrls());
    }

    private static ConsumerArgs orderConsumer(String name, String... grants) {
        return ConsumerArgs.builder()
                .name(name)
                .eventPattern(EventPatterns.sourceAndTypes("orders", List.of("Order Created")))
                .function(FunctionArgs.builder().handler(RuntimeHandlers.ORDER_PROCESSOR).build())
                .queue(QueueDefaultsArgs.builder().maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .grants(grants)
                .build();
    }

    @BeforeAll
    static void deployAndSendOneOrder() throws Exception {
        sandbox = Sandbox.start(0, "us-east-1");
        StackProgram program = new StackProgram("IamOnTheSandboxIT::define", Stacks.projectDir(),
                new StackFiles("iam", "dev", Map.of("aws:region", "us-east-1")), IamOnTheSandboxIT::define);
        long started = System.nanoTime();
        exports = sandbox.deploy(program).exports();
        // A figure for docs/benchmarks.md (the real graph deployed vs the hand-wired harnesses), not an assertion.
        System.out.printf("IamOnTheSandboxIT: the pattern with two consumers deployed onto the sandbox in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        sandbox.run(logs, new RunObserver(new Trace(quiet), new DeliveryLedger()));
        sandbox.aws().events().putEvents(b -> b.entries(e -> e.eventBusName(String.valueOf(exports.get(StackExports.BUS_NAME)))
                .source("orders").detailType("Order Created").detail(ORDER)));
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static String url(String output, String consumer) {
        return ((Map<String, String>) exports.get(output)).get(consumer);
    }

    @Test
    void aHandlerWhoseRoleLacksTheWriteIsRefusedAndItsMessageReachesTheDlqAfterMaxReceiveCount() throws Exception {
        String dlq = url(StackExports.DEAD_LETTER_QUEUE_URLS, "not-granted");
        List<Message> dead = List.of();
        for (long deadline = System.nanoTime() + 90_000_000_000L; dead.isEmpty() && System.nanoTime() < deadline; ) {
            dead = sandbox.aws().sqs().receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(2)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        }
        assertThat(dead).as("the refused consumer's message in its DLQ").hasSize(1);
        assertThat(dead.get(0).body()).contains("ORD-IAM-1");

        String log = Files.readString(sandbox.logs().file("not-granted"));
        java.util.regex.Matcher refusals = java.util.regex.Pattern.compile("assumed-role/iam-not-granted-role-[0-9a-f]+/"
                + "[^ ]+ is not authorized to perform: dynamodb:(PutItem|UpdateItem)").matcher(log);
        assertThat(refusals.results().count()).as("one refusal per delivery, in the function's log: " + log)
                .isEqualTo(MAX_RECEIVE_COUNT);
        assertThat(sandbox.aws().sqs().receiveMessage(b -> b.queueUrl(url(StackExports.QUEUE_URLS, "not-granted"))).messages())
                .as("nothing left in its queue").isEmpty();
    }

    @Test
    void theSameHandlerWithTheGrantWritesTheOrder() throws Exception {
        String table = String.valueOf(exports.get(StackExports.TABLE_NAME));
        List<Map<String, AttributeValue>> items = List.of();
        for (long deadline = System.nanoTime() + 60_000_000_000L; items.isEmpty() && System.nanoTime() < deadline; ) {
            items = sandbox.aws().dynamo().scan(b -> b.tableName(table)).items();
            Thread.sleep(500);
        }
        assertThat(items).as("the granted consumer's order").isNotEmpty();
        assertThat(items.toString()).contains("ORD-IAM-1");
        assertThat(Files.readString(sandbox.logs().file("granted"))).doesNotContain("is not authorized");
        assertThat(sandbox.aws().sqs().receiveMessage(b -> b.queueUrl(url(StackExports.DEAD_LETTER_QUEUE_URLS, "granted"))).messages())
                .isEmpty();
    }

    @Test
    void aKeyTheAccountDoesNotKnowIsRefused() {
        var stranger = software.amazon.awssdk.services.sqs.SqsClient.builder()
                .endpointOverride(sandbox.account().endpoint().uri())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
        assertThatThrownBy(() -> stranger.listQueues())
                .isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        assertThat(sandbox.aws().sqs().listQueues().queueUrls()).as("the administrator's key is taken").isNotEmpty();
    }
}
