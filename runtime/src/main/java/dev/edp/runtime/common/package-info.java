/**
 * What every EDP handler needs, kept small so that each handler reads like the business step it performs:
 * {@link dev.edp.runtime.common.SqsBatch} (one record at a time, partial batch failures),
 * {@link dev.edp.runtime.common.JsonLog} (structured logs with the event id as correlation id),
 * {@link dev.edp.runtime.common.Metrics} (CloudWatch embedded metric format),
 * {@link dev.edp.runtime.common.AwsClients} (SDK clients built once on the URL-connection HTTP client),
 * {@link dev.edp.runtime.common.Notifier} (SNS messages with {@code kind}/{@code source}/{@code severity}
 * attributes) and {@link dev.edp.runtime.common.Settings} (environment variables with errors that name them).
 */
package dev.edp.runtime.common;
