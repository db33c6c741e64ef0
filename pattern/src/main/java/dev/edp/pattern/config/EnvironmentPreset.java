package dev.edp.pattern.config;

import dev.edp.pattern.inputs.Architecture;
import dev.edp.pattern.inputs.LogLevel;
import dev.edp.pattern.inputs.WorkflowLogLevel;
import dev.edp.pattern.inputs.WorkflowType;

/**
 * Seed 004's per-environment settings as the values unset fields take. One place: every preset value of the
 * pattern is here, and the README (Configuration) lists them.
 *
 * <ul>
 *   <li>dev: short log retention (7 days), less memory, verbose logging, no provisioned concurrency;</li>
 *   <li>staging: moderate retention (14 days), standard memory and logging, SnapStart;</li>
 *   <li>prod: long retention (90 days), more memory and concurrency, provisioned concurrency, ERROR-level
 *       Step Functions logging, deletion protection.</li>
 * </ul>
 */
public record EnvironmentPreset(
        int memoryMb,
        int logRetentionDays,
        LogLevel logLevel,
        int provisionedConcurrency,
        int maximumConcurrency,
        boolean snapStartForJava,
        int messageRetentionSeconds,
        int maximumBatchingWindowSeconds,
        int targetMaxEventAgeSeconds,
        int archiveRetentionDays,
        boolean tableDeletionProtection,
        WorkflowLogLevel workflowLogLevel,
        boolean workflowIncludeExecutionData,
        int auditExpireAfterDays,
        int auditBufferingSeconds) {

    /** Values that do not vary by environment. */
    public static final int TIMEOUT_SECONDS = 30;
    public static final Architecture ARCHITECTURE = Architecture.ARM64;
    public static final int DLQ_RETENTION_SECONDS = 14 * 24 * 3600;
    public static final int VISIBILITY_TIMEOUT_FACTOR = 6;
    public static final int BATCH_SIZE = 10;
    public static final int TARGET_RETRY_ATTEMPTS = 8;
    public static final String TTL_ATTRIBUTE = "expiresAt";
    public static final int APPROVAL_TIMEOUT_SECONDS = 3600;
    public static final int AUDIT_IA_AFTER_DAYS = 30;
    public static final int AUDIT_GLACIER_AFTER_DAYS = 90;
    public static final int AUDIT_BUFFERING_MB = 5;
    public static final String RUNTIME = "java21";
    public static final int EPHEMERAL_STORAGE_MB = 512;
    public static final String TABLE_PARTITION_KEY = "pk";
    public static final String TABLE_SORT_KEY = "sk";
    /** Lambda's own defaults for asynchronous invocation, kept explicit so they show in the graph. */
    public static final int ASYNC_RETRY_ATTEMPTS = 2;
    public static final int ASYNC_MAX_EVENT_AGE_SECONDS = 21_600;
    public static final WorkflowType WORKFLOW_TYPE = WorkflowType.STANDARD;
    public static final String SCHEDULE_SOURCE = "edp.scheduler";
    public static final String SCHEDULE_DETAIL_TYPE = "Scheduled Event";
    public static final String SCHEDULE_TIMEZONE = "UTC";

    /** Seed 004's alarm table. */
    public static final int ALARM_PERIOD_SECONDS = 300;
    public static final double ALARM_EVENTBRIDGE_FAILED_INVOCATIONS = 10;
    public static final double ALARM_LAMBDA_ERRORS = 10;
    public static final double ALARM_LAMBDA_DURATION_P99_MS = 10_000;
    public static final double ALARM_LAMBDA_THROTTLES = 0;
    public static final double ALARM_QUEUE_DEPTH = 10_000;
    public static final double ALARM_QUEUE_OLDEST_MESSAGE_AGE_SECONDS = 900;
    public static final double ALARM_DLQ_MESSAGES = 1;
    public static final double ALARM_WORKFLOW_FAILED = 1;
    public static final double ALARM_WORKFLOW_THROTTLED = 5;

    /** Days S3 server access logs are kept: dev 30, staging 90, prod 365. */
    public static int accessLogExpireAfterDays(Environment environment) {
        return switch (environment) {
            case DEV -> 30;
            case STAGING -> 90;
            case PROD -> 365;
        };
    }

    public static EnvironmentPreset of(Environment environment) {
        return switch (environment) {
            case DEV -> new EnvironmentPreset(512, 7, LogLevel.DEBUG, 0, 2, false, 4 * 24 * 3600, 0, 3600, 7, false,
                    WorkflowLogLevel.ALL, true, 180, 60);
            case STAGING -> new EnvironmentPreset(1024, 14, LogLevel.INFO, 0, 10, true, 4 * 24 * 3600, 1, 86400, 30, false,
                    WorkflowLogLevel.ALL, false, 365, 300);
            // Queues keep messages 7 days in prod, the DLQs 14 (SQS's maximum): a failed message keeps at least a
            // week in its DLQ however long it waited in the queue (SQS counts DLQ age from the first enqueue).
            case PROD -> new EnvironmentPreset(2048, 90, LogLevel.INFO, 2, 50, false, 7 * 24 * 3600, 2, 86400, 365, true,
                    WorkflowLogLevel.ERROR, false, 0, 300);
        };
    }
}
