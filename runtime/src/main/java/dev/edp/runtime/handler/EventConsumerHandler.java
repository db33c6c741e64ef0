package dev.edp.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.edp.runtime.events.EventEnvelope;
import dev.edp.runtime.handler.EventConsumer.Invocation;

import java.util.Set;

/**
 * A consumer's Lambda handler: {@code handleRequest} runs the {@link EventConsumer} loop and a subclass writes only
 * its business step, {@link #process}. Lambda finds the inherited {@code handleRequest}, so the handler string is
 * {@code your.package.YourHandler::handleRequest}.
 */
public abstract class EventConsumerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final EventConsumer consumer;

    /** @param detailTypes the detail-types this consumer handles (its rule's pattern) */
    protected EventConsumerHandler(HandlerContext context, Set<String> detailTypes) {
        this.consumer = context.consumer(detailTypes);
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
