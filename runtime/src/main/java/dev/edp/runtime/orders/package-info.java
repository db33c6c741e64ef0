/**
 * Seed 003's order processor: "Order Created" and "Order Completed" (source {@code orders}) create or advance the
 * order's item in the single table with conditional writes, so a redelivered event changes nothing and a
 * "Completed" that overtakes its "Created" is kept; each step is then announced on the notifications topic.
 */
package dev.edp.runtime.orders;
