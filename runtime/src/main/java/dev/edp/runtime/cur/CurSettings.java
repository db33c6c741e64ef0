package dev.edp.runtime.cur;

import dev.edp.events.QueueDefaults;
import dev.edp.events.FunctionEnvironment;
import dev.edp.runtime.common.Settings;

import java.util.Set;

/**
 * The CUR function's configuration, from its environment variables (runtime/README.md lists them).
 *
 * @param environment     {@code EDP_ENVIRONMENT}: dev, staging or prod
 * @param tableName       {@code EDP_TABLE_NAME}: the pattern's table
 * @param topicArn        {@code EDP_NOTIFICATIONS_TOPIC_ARN}: the notifications topic
 * @param curatedBucket   {@code EDP_CURATED_BUCKET}: the data-lake bucket for curated copies (never the ingest bucket)
 * @param anomalyRule     {@code EDP_ANOMALY_FACTOR}, {@code EDP_ANOMALY_WINDOW_DAYS}, {@code EDP_ANOMALY_MIN_DAYS}
 * @param maxReceiveCount {@code EDP_MAX_RECEIVE_COUNT}: the queue's redrive maxReceiveCount; the error notification
 *                        goes out on the delivery that is the last before the dead-letter queue
 */
public record CurSettings(String environment, String tableName, String topicArn, String curatedBucket,
                          AnomalyRule anomalyRule, int maxReceiveCount) {

    private static final Set<String> ENVIRONMENTS = Set.of("dev", "staging", "prod");

    public static CurSettings from(Settings settings) {
        String environment = settings.required(FunctionEnvironment.ENVIRONMENT);
        if (!ENVIRONMENTS.contains(environment)) {
            throw new IllegalStateException("environment variable EDP_ENVIRONMENT must be one of dev, staging, prod; got '"
                    + environment + "'");
        }
        AnomalyRule defaults = AnomalyRule.DEFAULT;
        return new CurSettings(
                environment,
                settings.required(FunctionEnvironment.TABLE_NAME),
                settings.required(FunctionEnvironment.NOTIFICATIONS_TOPIC_ARN),
                settings.required(FunctionEnvironment.CURATED_BUCKET),
                new AnomalyRule(
                        settings.positiveDecimal(FunctionEnvironment.ANOMALY_FACTOR, defaults.factor()),
                        settings.positiveInt(FunctionEnvironment.ANOMALY_WINDOW_DAYS, defaults.windowDays()),
                        settings.positiveInt(FunctionEnvironment.ANOMALY_MIN_DAYS, defaults.minHistoryDays())),
                settings.positiveInt(FunctionEnvironment.MAX_RECEIVE_COUNT, QueueDefaults.MAX_RECEIVE_COUNT));
    }

    /** Settings with the default anomaly rule and three deliveries, e.g. for tests and local runs. */
    public static CurSettings of(String environment, String tableName, String topicArn, String curatedBucket) {
        return new CurSettings(environment, tableName, topicArn, curatedBucket, AnomalyRule.DEFAULT, 3);
    }

    public CurSettings withAnomalyRule(AnomalyRule rule) {
        return new CurSettings(environment, tableName, topicArn, curatedBucket, rule, maxReceiveCount);
    }
}
