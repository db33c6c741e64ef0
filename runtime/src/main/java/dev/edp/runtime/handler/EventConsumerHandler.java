package dev.edp.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.edp.runtime.common.Priming;
import dev.edp.runtime.events.EventEnvelope;
import dev.edp.runtime.handler.EventConsumer.Invocation;

import java.util.List;
import java.util.Set;

/**
 * A consumer's Lambda handler: {@code handleRequest} runs the {@link EventConsumer} loop and a subclass writes only
 * its business step, {@link #process}. Lambda finds the inherited {@code handleRequest}, so the handler string is
 * {@code your.package.YourHandler::handleRequest}.
 */
public abstract class EventConsumerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final EventConsumer consumer;
    private final HandlerContext context;
    /** Held so that the CRaC context, which references it weakly, keeps it until the snapshot. */
    private final Priming priming;

    /** @param detailTypes the detail-types this consumer handles (its rule's pattern) */
    protected EventConsumerHandler(HandlerContext context, Set<String> detailTypes) {
        this.consumer = context.consumer(detailTypes);
        this.context = context;
        this.priming = Priming.register(context.service(), () -> warmUp(consumer.prime()));
    }

    /**
     * SnapStart's warm-up (runtime/README.md, "Cold start and SnapStart"): run by the CRaC hook before Lambda's
     * snapshot; public for the cold-start benchmark ({@code edp coldstart}). Failures are logged, never thrown.
     */
    public final boolean prime() {
        return priming.prime();
    }

    /**
     * The consumer's own warm-up, given the seed examples of its detail-types already validated: its business
     * parsing and the first call of each of its clients, with reads of keys that never exist only. Never a write, a
     * publish or any other side effect on a real resource. Does nothing unless overridden.
     */
    protected void warmUp(List<EventEnvelope> examples) {
    }

    /** This function's basics with a log and metrics that go nowhere, for a warm-up's {@link #rehearse} twin. */
    protected final HandlerContext primingContext() {
        return context.forPriming();
    }

    /**
     * Hands {@code twin} an SQS batch of the seed examples, as Lambda would: the twin is this handler built on
     * {@link #primingContext} and priming clients ({@link dev.edp.runtime.common.AwsClients#forPriming}), whose calls
     * go nowhere and succeed empty, so the consumer loop (validation, log, metrics), the business step and the SDK's
     * pipeline for every call it makes are loaded and run once, with no side effect. A step that an empty answer
     * cannot satisfy fails its record there; what it loaded stays loaded. {@link Priming#REHEARSALS} times, so the JIT
     * compiles what each call runs.
     */
    protected static void rehearse(EventConsumerHandler twin) {
        SQSEvent batch = twin.consumer.primingBatch();
        Priming.rehearse(() -> twin.handleRequest(batch, null));
    }

    @Override
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return consumer.handle(event, context, this::process);
    }

    /**
     * Handles one valid event; throwing fails its record (retried, then dead-lettered).
     *
     * @return what happened, for the log and the metrics, e.g. {@code created} or {@code already-created}
     */
    protected abstract String process(EventEnvelope event, Invocation invocation) throws Exception;
}
