package dev.edp.cli.cur;

import dev.edp.cli.moto.OnMoto;
import dev.edp.cli.moto.MotoResources;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.pattern.events.EventPatterns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which EventBridge hops moto 5.2.5 really delivers, found by trying (and by reading moto/s3/notifications.py and
 * moto/events/models.py). The CUR pipeline tests rely on these answers; if a moto upgrade changes one, the test that
 * pins it fails and says which assumption to revisit.
 */
class MotoEventDeliveryIT extends OnMoto {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "reports";
    private static final String PATTERN = EventPatterns.objectCreated(BUCKET, dev.edp.reference.CostReportPipeline.SUFFIXES);

    private static MotoResources resources;

    @BeforeAll
    static void resources() {
        resources = new MotoResources(aws);
    }

    @BeforeEach
    void cleanAccount() {
        moto.reset();
        resources.bucketWithEventBridge(BUCKET);
    }

    @Test
    void s3DeliversToTheDefaultBusAndARuleThereDeliversToSqs() throws Exception {
        MotoResources.Queue queue = resources.queue("observed");
        resources.rule("default", "uploads", PATTERN, queue.arn());

        resources.upload(BUCKET, "2024/report.csv", "x".getBytes(StandardCharsets.UTF_8));
        resources.upload(BUCKET, "2024/notes.txt", "x".getBytes(StandardCharsets.UTF_8));

        List<Message> delivered = resources.drain(queue);
        assertThat(delivered).hasSize(1); // the .txt upload does not match the real pattern's suffixes
        JsonNode event = JSON.readTree(delivered.get(0).body());
        assertThat(event.path("source").asText()).isEqualTo("aws.s3");
        assertThat(event.path("detail-type").asText()).isEqualTo("Object Created");
        assertThat(event.path("detail").path("object").path("key").asText()).isEqualTo("2024/report.csv");
        // moto's deviations from AWS's event, which the handler tolerates: "eTag" instead of "etag", and one
        // fixed event id and sequencer for every upload.
        assertThat(event.path("detail").path("object").has("eTag")).isTrue();
        assertThat(event.path("id").asText()).isEqualTo("17793124-05d4-b198-2fde-7ededc63b103");
    }

    /**
     * On AWS, S3 sends events only to the default bus, so this rule would never fire (seed 001). moto sends them to
     * the rules of every bus: a moto-only test would pass without the forwarding rule and hide seed 001's bug. So
     * the pipeline tests dispatch the custom bus's rule with event-ruler, fed only by what the forwarding rule
     * forwards (CurPipeline).
     */
    @Test
    void motoAlsoDeliversS3EventsToCustomBusRulesWhichAwsNeverDoes() {
        resources.bus("custom");
        MotoResources.Queue queue = resources.queue("observed");
        resources.rule("custom", "uploads", PATTERN, queue.arn());

        resources.upload(BUCKET, "report.csv", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(resources.drain(queue)).hasSize(1);
    }

    @Test
    void aRuleOnTheDefaultBusForwardsToACustomBusWhoseRuleDeliversToSqs() throws Exception {
        String customBus = resources.bus("custom");
        MotoResources.Queue queue = resources.queue("observed");
        resources.rule("default", "forward", EventPatterns.sourceAndTypes("test.source", List.of("Ping")), customBus);
        resources.rule("custom", "consume", EventPatterns.sourceAndTypes("test.source", List.of("Ping")), queue.arn());

        aws.events.putEvents(b -> b.entries(e -> e.source("test.source").detailType("Ping").detail("{\"n\":1}")));

        List<Message> delivered = resources.drain(queue);
        assertThat(delivered).hasSize(1);
        assertThat(JSON.readTree(delivered.get(0).body()).path("detail").path("n").asInt()).isEqualTo(1);
    }
}
