/**
 * {@code ./edp local}: the whole pattern on an embedded AWS emulator (docs/local-sandbox.md). {@link
 * dev.edp.cli.local.LocalCommand} is the command, {@link dev.edp.cli.local.LocalRun} one run of it, and
 * {@link dev.edp.cli.local.LocalSandbox} the running sandbox; below them, one package per concern:
 * {@code sandbox} (moto behind the {@link dev.edp.cli.local.LambdaGateway}, the clients, the sandbox file),
 * {@code deploy} (the stack program under the mock engine, one creator per AWS service), {@code functions} (the
 * stack's Lambda functions in-process, their event source mappings as pollers, their logs), {@code bus} (the custom
 * bus's deliveries with event-ruler), {@code run} (scenarios, trace, checklist, success criteria).
 *
 * <p>{@link dev.edp.cli.local.SqsEventSource} plays Lambda's SQS event source mapping for any
 * {@code RequestHandler<SQSEvent, SQSBatchResponse>}; the emulator tests use it too.
 */
package dev.edp.cli.local;
