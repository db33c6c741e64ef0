package dev.edp.runtime.workflow;

import dev.edp.events.WorkflowTasks;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.common.AwsClients;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Priming;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.inventory.InsufficientStockException;
import dev.edp.runtime.inventory.Stock;
import dev.edp.runtime.orders.OrderLine;
import dev.edp.runtime.orders.OrderNotFoundException;
import dev.edp.runtime.orders.Orders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workflow's ReserveInventory task: reserves the order's items, all or none, once per order
 * ({@link Stock#reserveForOrder}), recording the workflow on each reservation. The lines are the event's
 * {@code detail.items}, else the stored order's ({@link WorkflowInput#orderLines}). Too little stock fails the task
 * with {@link InsufficientStockException} (nothing reserved), which the definition routes to HandleError; if a
 * later step fails, HandleError releases what this task reserved ({@link Compensation}).
 *
 * <p>Handler string: {@code dev.edp.runtime.workflow.ReserveInventoryHandler::handleRequest}. Needs
 * {@code table:read}, {@code table:write}.
 */
public final class ReserveInventoryHandler implements RequestStreamHandler {

    static final String TASK = WorkflowTasks.RESERVE_INVENTORY;

    private final Orders orders;
    private final Stock stock;
    private final JsonLog log;
    /** Held so that the CRaC context, which references it weakly, keeps it until the snapshot. */
    private final Priming priming;

    /** For Lambda. */
    public ReserveInventoryHandler() {
        this(System.getenv());
    }

    /**
     * With the function's environment variables given instead of read from the process: how the local sandbox
     * ({@code ./edp local}) runs it in-process, with the variables the stack gives this function.
     */
    public ReserveInventoryHandler(Map<String, String> environment) {
        this(HandlerContext.forLambda("wf-reserve-inventory", environment), new AwsClients(environment).dynamoDb());
    }

    /** With its collaborators, for tests. */
    public ReserveInventoryHandler(HandlerContext context, DynamoDbClient dynamo) {
        this.orders = new Orders(dynamo, context.env().tableName(), context.clock());
        this.stock = new Stock(dynamo, context.env().tableName(), context.clock());
        this.log = context.log();
        this.priming = WorkflowTask.priming(TASK, state -> {
            orders.find("PRIMING#never-an-order"); // the real client: reads only, an order and an item that never exist
            stock.level("PRIMING#never-an-item");
            return WorkflowTask.rehearse(new ReserveInventoryHandler(context.forPriming(), AwsClients.forPriming().dynamoDb()), state);
        });
    }

    /** SnapStart's warm-up (run by the CRaC hook before the snapshot; public for {@code edp coldstart}). */
    public boolean prime() {
        return priming.prime();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WorkflowTask.run(TASK, input, output, log, this::reserve);
    }

    Map<String, Object> reserve(JsonNode state) {
        WorkflowInput in = WorkflowInput.of(state);
        List<OrderLine> lines = in.orderLines(orders);
        if (lines.isEmpty()) {
            throw new OrderNotFoundException("order " + in.orderId() + " has no lines to reserve: it is not in the"
                    + " table and the event carries no detail.items");
        }
        Stock.Reservation reservation = stock.reserveForOrder(in.orderId(), in.workflowId(),
                WorkflowInput.quantities(lines));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("order_id", reservation.orderId());
        result.put("reserved", reservation.quantities());
        result.put("already_reserved", reservation.alreadyReserved());
        return result;
    }
}
