package dev.edp.events;

/**
 * The outputs a stack built on the pattern exports (what {@code pulumi stack output} lists): the component
 * registers them, the stack program exports them, and the operations commands ({@code ./edp dlq}, {@code replay})
 * and the sandbox read them by these names.
 */
public final class StackExports {

    public static final String BUS_NAME = "busName";
    public static final String BUS_ARN = "busArn";
    public static final String ARCHIVE_NAME = "archiveName";
    /** Consumer name → queue URL. */
    public static final String QUEUE_URLS = "queueUrls";
    /** Consumer name → dead-letter queue URL. */
    public static final String DEAD_LETTER_QUEUE_URLS = "deadLetterQueueUrls";
    /** Consumer name → its function's log group. */
    public static final String LOG_GROUP_NAMES = "logGroupNames";
    public static final String EVENTS_DEAD_LETTER_QUEUE_URL = "eventsDeadLetterQueueUrl";
    public static final String TABLE_NAME = "tableName";
    public static final String NOTIFICATIONS_TOPIC_ARN = "notificationsTopicArn";
    public static final String ALARMS_TOPIC_ARN = "alarmsTopicArn";
    public static final String STATE_MACHINE_ARN = "stateMachineArn";
    public static final String INGEST_BUCKET_NAME = "ingestBucketName";
    public static final String CURATED_BUCKET_NAME = "curatedBucketName";
    public static final String AUDIT_BUCKET_NAME = "auditBucketName";
    public static final String KEY_ARN = "keyArn";
    public static final String DASHBOARD_NAME = "dashboardName";
    public static final String TABLE_ARN = "tableArn";
    /** Consumer name → its function's ARN (consumers with a function). */
    public static final String FUNCTION_ARNS = "functionArns";
    /** Consumer name → its state machine's ARN (workflow consumers). */
    public static final String STATE_MACHINE_ARNS = "stateMachineArns";
    /** Consumer name → its topic's ARN (topic consumers). */
    public static final String TOPIC_ARNS = "topicArns";
    /** Bucket name in the Args → the bucket's physical name. */
    public static final String BUCKET_NAMES = "bucketNames";

    private StackExports() {
    }
}
