package dev.edp.sandbox.deploy;

import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The buckets a program reads but does not own, for which the sandbox creates stand-ins. */
class StandInBucketsTest {

    private static GraphResource resource(String type, String name, Map<String, Object> inputs) {
        return new GraphResource("urn:" + name, type, name, "urn:platform", inputs, List.of(), Map.of());
    }

    @Test
    void theBucketsAFileSourceReadsAreTheS3RulesBucketsOnTheDefaultBus() {
        ResourceGraph graph = new ResourceGraph("dev", List.of(
                resource("aws:cloudwatch/eventRule:EventRule", "platform-landing-forward-rule", Map.of("eventPattern",
                        "{\"source\":[\"aws.s3\"],\"detail-type\":[\"Object Created\"],\"detail\":{\"bucket\":"
                                + "{\"name\":[\"acme-partner-landing\"]}}}")),
                resource("aws:cloudwatch/eventRule:EventRule", "platform-orders-rule", Map.of("eventBusName",
                        "platform-bus", "eventPattern", "{\"source\":[\"aws.s3\"],\"detail\":{\"bucket\":"
                                + "{\"name\":[\"on-the-custom-bus\"]}}}")),
                resource("aws:cloudwatch/eventRule:EventRule", "other-rule", Map.of("eventPattern",
                        "{\"source\":[\"platform.orders\"],\"detail\":{\"bucket\":{\"name\":[\"not-s3\"]}}}"))));
        assertThat(StandInBuckets.referenced(graph)).containsExactly("acme-partner-landing");
    }
}
