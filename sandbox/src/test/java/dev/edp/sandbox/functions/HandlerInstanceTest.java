package dev.edp.sandbox.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.edp.sandbox.functions.LocalContext;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandlerInstanceTest {

    private static final Context CONTEXT = new LocalContext("test", 128, 1_000);

    /** A handler that takes its environment, as every EDP handler does. */
    public static final class WithEnvironment implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private final String table;

        public WithEnvironment() {
            this(System.getenv());
        }

        public WithEnvironment(Map<String, String> environment) {
            this.table = environment.get("EDP_TABLE_NAME");
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            if (input.containsKey("fail")) {
                throw new IllegalArgumentException("detail.fail: not allowed");
            }
            return Map.of("table", String.valueOf(table), "seen", input.get("value"));
        }
    }

    /** A handler with only Lambda's no-argument constructor. */
    public static final class NoArgumentsOnly implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            return "ok";
        }
    }

    /** A stream handler: bytes in, bytes out. */
    public static final class Streams implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
            output.write(("{\"echo\":" + new String(input.readAllBytes(), StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A POJO input, converted from the payload. */
    public record Order(String orderId, int quantity) {
    }

    /** A handler method without the interface, named in the handler string. */
    public static final class Plain {
        public String process(Order order) {
            return order.orderId() + " x" + order.quantity();
        }
    }

    @Test
    void theFunctionsOwnEnvironmentReachesAHandlerThatTakesIt() throws Exception {
        HandlerInstance instance = HandlerInstance.create(HandlerReference.parse(WithEnvironment.class.getName()
                + "::handleRequest"), Map.of("EDP_TABLE_NAME", "edp-table-1"));

        assertThat(instance.environmentGiven()).isTrue();
        assertThat(new String(instance.callJson("{\"value\":\"x\"}".getBytes(StandardCharsets.UTF_8), CONTEXT),
                StandardCharsets.UTF_8)).contains("\"table\":\"edp-table-1\"").contains("\"seen\":\"x\"");
    }

    @Test
    void aHandlerWithOnlyANoArgumentConstructorIsBuiltWithItAndSaysSo() throws Exception {
        HandlerInstance instance = HandlerInstance.create(HandlerReference.parse(NoArgumentsOnly.class.getName()),
                Map.of("EDP_TABLE_NAME", "t"));

        assertThat(instance.environmentGiven()).isFalse();
        assertThat(instance.call(Map.of(), CONTEXT)).isEqualTo("ok");
    }

    @Test
    void theHandlersOwnExceptionReachesTheCaller() throws Exception {
        HandlerInstance instance = HandlerInstance.create(HandlerReference.parse(WithEnvironment.class.getName()), Map.of());

        assertThatThrownBy(() -> instance.callJson("{\"fail\":true}".getBytes(StandardCharsets.UTF_8), CONTEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("detail.fail: not allowed");
    }

    @Test
    void streamHandlersGetThePayloadBytes() throws Exception {
        HandlerInstance instance = HandlerInstance.create(HandlerReference.parse(Streams.class.getName()), Map.of());

        assertThat(new String(instance.callJson("[1,2]".getBytes(StandardCharsets.UTF_8), CONTEXT), StandardCharsets.UTF_8))
                .isEqualTo("{\"echo\":[1,2]}");
    }

    @Test
    void aNamedMethodGetsItsInputConvertedFromThePayload() throws Exception {
        HandlerInstance instance = HandlerInstance.create(HandlerReference.parse(Plain.class.getName() + "::process"),
                Map.of());

        assertThat(new String(instance.callJson("{\"orderId\":\"ORD-1\",\"quantity\":2}".getBytes(StandardCharsets.UTF_8),
                CONTEXT), StandardCharsets.UTF_8)).isEqualTo("\"ORD-1 x2\"");
    }

    @Test
    void handlerStringsNameClassAndMethod() {
        assertThat(HandlerReference.parse("a.b.C::go")).isEqualTo(new HandlerReference("a.b.C", "go"));
        assertThat(HandlerReference.parse("a.b.C")).isEqualTo(new HandlerReference("a.b.C", "handleRequest"));
        assertThat(HandlerReference.parse("no.such.Handler").isOnClassPath()).isFalse();
        assertThat(HandlerReference.parse(Plain.class.getName()).isOnClassPath()).isTrue();
    }
}
