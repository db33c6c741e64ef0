package dev.edp.events;

/**
 * The names of the workflow's Lambda tasks: the pattern's state machine calls them by these names (its Parallel
 * branches' states and the error handler) and the runtime's task handlers log and report under the same names.
 */
public final class WorkflowTasks {

    public static final String VALIDATE_INPUT = "ValidateInput";
    public static final String PROCESS_ORDER = "ProcessOrder";
    public static final String RESERVE_INVENTORY = "ReserveInventory";
    public static final String HANDLE_ERROR = "HandleError";

    private WorkflowTasks() {
    }
}
