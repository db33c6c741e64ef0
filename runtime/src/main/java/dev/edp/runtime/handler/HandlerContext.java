package dev.edp.runtime.handler;

import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Metrics;
import dev.edp.runtime.common.Notifier;
import dev.edp.runtime.common.Settings;
import dev.edp.runtime.events.EventSchemas;
import dev.edp.runtime.idempotency.Idempotency;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * One function's basics: where it runs ({@link PatternEnvironment}), its name in logs and metrics, its structured
 * log, its EMF metrics and its clock. A handler's no-argument constructor (what Lambda calls) builds it with
 * {@link #forLambda}; tests build it with their own log, metrics and clock.
 *
 * @param service the consumer's name ({@code EDP_CONSUMER}) or, outside a consumer, the handler's own name
 */
public record HandlerContext(PatternEnvironment env, String service, JsonLog log, Metrics metrics, Clock clock) {

    /** EMF namespace of every EDP function. */
    public static final String NAMESPACE = "EDP";

    /** From the process environment, as Lambda sets it; {@code defaultService} names a function that is no consumer. */
    public static HandlerContext forLambda(String defaultService) {
        return forLambda(defaultService, System.getenv());
    }

    /**
     * From a function's environment variables, given instead of read from the process (the local sandbox runs every
     * function in one JVM, each with its own variables).
     */
    public static HandlerContext forLambda(String defaultService, Map<String, String> environment) {
        PatternEnvironment env = PatternEnvironment.from(new Settings(environment));
        String service = env.consumerOr(defaultService);
        return new HandlerContext(env, service, JsonLog.stdout(service, env.environment()),
                Metrics.forProcess(NAMESPACE, service, env.environment(), environment), Clock.systemUTC());
    }

    /**
     * The same function's basics with a log and metrics that go nowhere: for SnapStart priming's twins, which rehearse
     * the handler on clients that send nothing and must leave no trace in the function's logs or metrics.
     */
    public HandlerContext forPriming() {
        return new HandlerContext(env, service, new JsonLog(service, env.environment(),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), clock),
                Metrics.discarded(NAMESPACE, service, env.environment()), clock);
    }

    /** The SQS loop of a consumer that handles these detail-types. */
    public EventConsumer consumer(Set<String> detailTypes) {
        return new EventConsumer(service, detailTypes, EventSchemas.fromClasspath(), log, metrics, clock);
    }

    /** A notifier on the pattern's notifications topic. */
    public Notifier notifier(SnsClient sns) {
        return new Notifier(sns, env.topicArn(), env.environment());
    }

    /** Once-only side effects of this function, recorded in the pattern's table. */
    public Idempotency idempotency(DynamoDbClient dynamo) {
        return new Idempotency(dynamo, env.tableName(), service, clock);
    }
}
