/**
 * What every EDP handler is made of: {@link dev.edp.runtime.handler.PatternEnvironment} (the EDP_* variables the
 * pattern sets on every function), {@link dev.edp.runtime.handler.HandlerContext} (environment, log, metrics and
 * clock of one function, built once per execution environment) and {@link dev.edp.runtime.handler.EventConsumer}
 * (an SQS batch of EventBridge events: validate each against its schema, hand it to the business step, report only
 * the failures). docs/writing-a-consumer.md shows a consumer built on them.
 */
package dev.edp.runtime.handler;
