package dev.edp.runtime.orders;

/** The workflow names an order the table does not hold, and its event brings no lines to create it from. */
public final class OrderNotFoundException extends RuntimeException {
    public OrderNotFoundException(String message) {
        super(message);
    }
}
