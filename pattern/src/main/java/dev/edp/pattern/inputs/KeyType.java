package dev.edp.pattern.inputs;

/** A DynamoDB key attribute's type. */
public enum KeyType implements ClosedSet {
    /** String. */
    S,
    /** Number. */
    N,
    /** Binary. */
    B;
}
