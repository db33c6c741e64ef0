package dev.edp.runtime.inventory;

/** A reservation asks for more than is available; the message lists each short item. Nothing was reserved. */
public final class InsufficientStockException extends RuntimeException {
    public InsufficientStockException(String message) {
        super(message);
    }
}
