package dev.edp.runtime.workflow;

import dev.edp.events.WorkflowTasks;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.common.AwsClients;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Priming;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.orders.Order;
import dev.edp.runtime.orders.OrderLine;
import dev.edp.runtime.orders.Orders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow's ProcessOrder task (sequential step, or a branch of the high-priority Parallel): marks the order as
 * processed by this workflow ({@link Orders#startProcessing}), creating it from the event's {@code detail.items}
 * when the table does not know it yet. Repeatable for the same workflow; another workflow's order is refused.
 * Result (under {@code $.processing}): the order's id, status, lines and total (money as strings).
 *
 * <p>Handler string: {@code dev.edp.runtime.workflow.ProcessOrderHandler::handleRequest}. Needs {@code table:read},
 * {@code table:write}.
 */
public final class ProcessOrderHandler implements RequestStreamHandler {

    static final String TASK = WorkflowTasks.PROCESS_ORDER;

    private final Orders orders;
    private final JsonLog log;
    /** Held so that the CRaC context, which references it weakly, keeps it until the snapshot. */
    private final Priming priming;

    /** For Lambda. */
    public ProcessOrderHandler() {
        this(System.getenv());
    }

    /**
     * With the function's environment variables given instead of read from the process: how the local sandbox
     * ({@code ./edp local}) runs it in-process, with the variables the stack gives this function.
     */
    public ProcessOrderHandler(Map<String, String> environment) {
        this(HandlerContext.forLambda("wf-process-order", environment), new AwsClients(environment).dynamoDb());
    }

    /** With its collaborators, for tests. */
    public ProcessOrderHandler(HandlerContext context, DynamoDbClient dynamo) {
        this.orders = new Orders(dynamo, context.env().tableName(), context.clock());
        this.log = context.log();
        this.priming = WorkflowTask.priming(TASK, state -> {
            orders.find("PRIMING#never-an-order"); // the real client: a read only
            return WorkflowTask.rehearse(new ProcessOrderHandler(context.forPriming(), AwsClients.forPriming().dynamoDb()), state);
        });
    }

    /** SnapStart's warm-up (run by the CRaC hook before the snapshot; public for {@code edp coldstart}). */
    public boolean prime() {
        return priming.prime();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WorkflowTask.run(TASK, input, output, log, this::process);
    }

    Map<String, Object> process(JsonNode state) {
        WorkflowInput in = WorkflowInput.of(state);
        Order order = orders.startProcessing(in.orderId(), in.workflowId(), in.lines());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("order_id", order.orderId());
        result.put("workflow_id", in.workflowId());
        result.put("status", order.status().name());
        result.put("lines", order.lines().stream().map(OrderLine::toJson).toList());
        result.put("total", order.total().orElse(OrderLine.total(order.lines())).toPlainString());
        return result;
    }
}
