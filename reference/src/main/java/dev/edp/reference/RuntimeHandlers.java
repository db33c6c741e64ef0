package dev.edp.reference;

/**
 * The handlers of EDP's runtime jar that the default configuration deploys. The pattern knows the runtime only
 * by these names (never by its classes), so the Lambda jar never has to carry Pulumi.
 */
public final class RuntimeHandlers {
    public static final String CUR_INGEST = "dev.edp.runtime.cur.CurIngestHandler::handleRequest";
    public static final String ORDER_PROCESSOR = "dev.edp.runtime.orders.OrderProcessorHandler::handleRequest";
    public static final String INVENTORY_PROCESSOR = "dev.edp.runtime.inventory.InventoryProcessorHandler::handleRequest";
    public static final String NOTIFICATION_PROCESSOR =
            "dev.edp.runtime.notifications.NotificationProcessorHandler::handleRequest";
    public static final String APPROVAL_PROCESSOR = "dev.edp.runtime.workflow.ApprovalDecisionHandler::handleRequest";

    public static final String WORKFLOW_VALIDATE_INPUT = "dev.edp.runtime.workflow.ValidateInputHandler::handleRequest";
    public static final String WORKFLOW_PROCESS_ORDER = "dev.edp.runtime.workflow.ProcessOrderHandler::handleRequest";
    public static final String WORKFLOW_RESERVE_INVENTORY =
            "dev.edp.runtime.workflow.ReserveInventoryHandler::handleRequest";
    public static final String WORKFLOW_HANDLE_ERROR = "dev.edp.runtime.workflow.HandleErrorHandler::handleRequest";

    /** Where {@code mvn package} writes the runtime jar, relative to the project root. */
    public static final String DEFAULT_JAR = "runtime/target/edp-runtime-lambda.jar";

    private RuntimeHandlers() {
    }
}
