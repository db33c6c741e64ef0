package dev.edp.runtime.orders;

/** Another workflow already processed the order: one order, one workflow. */
public final class OrderInOtherWorkflowException extends RuntimeException {
    public OrderInOtherWorkflowException(String message) {
        super(message);
    }
}
