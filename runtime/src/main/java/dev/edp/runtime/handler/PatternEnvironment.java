package dev.edp.runtime.handler;

import dev.edp.events.FunctionEnvironment;
import dev.edp.runtime.common.Settings;

import java.util.Optional;
import java.util.Set;

/**
 * The environment variables EventDrivenPattern sets on every function it deploys (runtime/README.md lists them).
 *
 * @param environment      {@code EDP_ENVIRONMENT}: dev, staging or prod
 * @param tableName        {@code EDP_TABLE_NAME}: the single table
 * @param topicArn         {@code EDP_NOTIFICATIONS_TOPIC_ARN}: the notifications topic
 * @param eventBusName     {@code EDP_EVENT_BUS_NAME}: the custom bus
 * @param consumer         {@code EDP_CONSUMER}: the consumer's name (consumers only), e.g. {@code order-processor}
 * @param stateMachineArn  {@code EDP_STATE_MACHINE_ARN}: the workflow, when the pattern has one
 */
public record PatternEnvironment(String environment, String tableName, String topicArn, String eventBusName,
                                 Optional<String> consumer, Optional<String> stateMachineArn) {

    private static final Set<String> ENVIRONMENTS = Set.of("dev", "staging", "prod");

    /** Reads the variables; a missing one fails with its name. */
    public static PatternEnvironment from(Settings settings) {
        String environment = settings.required(FunctionEnvironment.ENVIRONMENT);
        if (!ENVIRONMENTS.contains(environment)) {
            throw new IllegalStateException("environment variable EDP_ENVIRONMENT must be one of dev, staging, prod;"
                    + " got '" + environment + "'");
        }
        return new PatternEnvironment(environment,
                settings.required(FunctionEnvironment.TABLE_NAME),
                settings.required(FunctionEnvironment.NOTIFICATIONS_TOPIC_ARN),
                settings.required(FunctionEnvironment.EVENT_BUS_NAME),
                Optional.ofNullable(settings.optional(FunctionEnvironment.CONSUMER, null)),
                Optional.ofNullable(settings.optional(FunctionEnvironment.STATE_MACHINE_ARN, null)));
    }

    /** The process environment, as Lambda sets it. */
    public static PatternEnvironment fromProcess() {
        return from(Settings.fromEnvironment());
    }

    /** The consumer's name, or {@code fallback} (a handler's service name) outside a consumer. */
    public String consumerOr(String fallback) {
        return consumer.orElse(fallback);
    }
}
