package dev.edp.sandbox.deploy;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmulatorMocksTest {

    /** Creates queues "on the emulator" by answering a fixed URL; refuses a queue named "broken". */
    private static final class FakeQueues implements ResourceCreator {
        @Override
        public Set<String> types() {
            return Set.of("aws:sqs/queue:Queue");
        }

        @Override
        public Placed create(PendingResource r) {
            if (r.logicalName().equals("broken")) {
                throw new IllegalStateException("InvalidAttributeValue: VisibilityTimeout");
            }
            r.put("url", "http://127.0.0.1:1/123456789012/" + r.name());
            return Placed.onEmulator(r.string("url"));
        }
    }

    private final Deployment deployment = new Deployment();
    private final EmulatorMocks mocks = new EmulatorMocks("123456789012", "us-east-1", List.of(new FakeQueues()), deployment);

    @Test
    void theCreatorsAnswerBecomesTheOutputAndTheId() {
        Map<String, Object> state = new HashMap<>(Map.of("visibilityTimeoutSeconds", 30.0));
        String id = mocks.computeOutputs("aws:sqs/queue:Queue", "orders", state);

        assertThat(id).startsWith("http://127.0.0.1:1/123456789012/orders-");
        assertThat(state).containsEntry("url", id).containsKey("arn");
        assertThat(deployment.entries()).singleElement().satisfies(e -> {
            assertThat(e.placement()).isEqualTo(Placement.EMULATOR);
            assertThat(e.logicalName()).isEqualTo("orders");
        });
    }

    @Test
    void aTypeWithoutACreatorIsListedAsNotEmulatedWithTheReason() {
        mocks.computeOutputs("aws:appsync/graphQLApi:GraphQLApi", "api", new HashMap<>());

        assertThat(deployment.entries()).singleElement().satisfies(e -> {
            assertThat(e.placement()).isEqualTo(Placement.NOT_EMULATED);
            assertThat(e.note()).contains("no creator for aws:appsync/graphQLApi:GraphQLApi");
        });
    }

    @Test
    void aRefusedResourceFailsTheDeployNamingIt() {
        assertThatThrownBy(() -> mocks.computeOutputs("aws:sqs/queue:Queue", "broken", new HashMap<>()))
                .isInstanceOf(EmulatorMocks.DeployException.class)
                .hasMessageContaining("aws:sqs/queue:Queue broken")
                .hasMessageContaining("InvalidAttributeValue: VisibilityTimeout");
    }

    @Test
    void theComponentItselfIsNoResource() {
        mocks.computeOutputs("edp:index:EventDrivenPattern", "edp", new HashMap<>());

        assertThat(deployment.entries()).isEmpty();
    }

    @Test
    void wholeNumbersArriveAsDoublesAndAreWrittenWithoutAFraction() {
        PendingResource r = new PendingResource("t", "n", new HashMap<>(Map.of("a", 300.0, "b", 0.5)), "id");

        assertThat(r.string("a")).isEqualTo("300");
        assertThat(r.string("b")).isEqualTo("0.5");
        assertThat(r.integer("a")).isEqualTo(300);
    }
}
