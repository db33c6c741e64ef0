/**
 * Side effects done once per key (an SNS publish, a Step Functions callback), with a record in the pattern's table:
 * {@link dev.edp.runtime.idempotency.Idempotency#once} claims the key with a conditional write, runs the action,
 * then marks the key completed; a redelivered event finds the completed record and does nothing.
 */
package dev.edp.runtime.idempotency;
