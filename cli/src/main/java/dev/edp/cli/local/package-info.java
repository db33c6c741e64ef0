/**
 * Running EDP's handlers on a laptop against an emulator: {@link dev.edp.cli.local.SqsEventSource} plays Lambda's
 * SQS event source mapping for any {@code RequestHandler<SQSEvent, SQSBatchResponse>}.
 */
package dev.edp.cli.local;
