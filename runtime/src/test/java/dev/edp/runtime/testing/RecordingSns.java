package dev.edp.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.events.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

import java.util.ArrayList;
import java.util.List;

/** An SNS client that keeps what it is asked to publish. */
public final class RecordingSns implements SnsClient {

    public final List<PublishRequest> published = new ArrayList<>();
    private RuntimeException failure;

    /** Makes every publish fail with {@code failure}, as a throttled or unreachable SNS does. */
    public RecordingSns failing(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    @Override
    public PublishResponse publish(PublishRequest request) {
        if (failure != null) {
            throw failure;
        }
        published.add(request);
        return PublishResponse.builder().messageId("message-" + published.size()).build();
    }

    /** The one message published; fails the test otherwise. */
    public PublishRequest only() {
        if (published.size() != 1) {
            throw new AssertionError("expected one published message, got " + published.size() + ": " + published);
        }
        return published.get(0);
    }

    public static String attribute(PublishRequest request, String name) {
        return request.messageAttributes().get(name).stringValue();
    }

    public static JsonNode body(PublishRequest request) {
        return Json.read(request.message());
    }

    @Override
    public String serviceName() {
        return "sns";
    }

    @Override
    public void close() {
    }
}
