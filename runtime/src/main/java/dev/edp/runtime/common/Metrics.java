package dev.edp.runtime.common;

import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ConsoleSink;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Metrics in CloudWatch embedded metric format: written as log lines, turned into metrics by CloudWatch Logs, no
 * API call on the request path. One {@link Batch} per handled SQS batch; dimensions are the service and the
 * environment, so dashboards and alarms select one deployment.
 *
 * <p>The EMF environment is chosen explicitly: Lambda's in a function, the local (standard output) one anywhere
 * else. Left to itself the library would probe for an EC2 or ECS agent over the network.
 */
public final class Metrics {

    private final String namespace;
    private final String service;
    private final String environment;
    private final Supplier<Environment> emfEnvironment;

    public Metrics(String namespace, String service, String environment, Supplier<Environment> emfEnvironment) {
        this.namespace = namespace;
        this.service = service;
        this.environment = environment;
        this.emfEnvironment = emfEnvironment;
    }

    /** Metrics for the current process: Lambda's environment when running in Lambda, standard output elsewhere. */
    public static Metrics forProcess(String namespace, String service, String environment, Map<String, String> env) {
        boolean inLambda = env.containsKey("AWS_LAMBDA_FUNCTION_NAME");
        return new Metrics(namespace, service, environment,
                inLambda ? LambdaEnvironment::new : () -> sinkEnvironment(new ConsoleSink()));
    }

    /**
     * Metrics that are serialised like any others and then dropped: for SnapStart priming's twins, whose rehearsal
     * must not reach CloudWatch.
     */
    public static Metrics discarded(String namespace, String service, String environment) {
        ISink nowhere = new ISink() {
            @Override
            public void accept(software.amazon.cloudwatchlogs.emf.model.MetricsContext context) {
                try {
                    context.serialize();
                } catch (Exception ignored) {
                    // nothing is sent either way
                }
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> shutdown() {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
        };
        return new Metrics(namespace, service, environment, () -> sinkEnvironment(nowhere));
    }

    /** An EMF environment that writes every flush to {@code sink}: standard output locally, a recorder in tests. */
    public static Environment sinkEnvironment(ISink sink) {
        return new Environment() {
            @Override
            public boolean probe() {
                return true;
            }

            @Override
            public String getName() {
                return "Local";
            }

            @Override
            public String getType() {
                return "Local";
            }

            @Override
            public String getLogGroupName() {
                return "";
            }

            @Override
            public void configureContext(MetricsContext context) {
                // Nothing to add outside Lambda.
            }

            @Override
            public ISink getSink() {
                return sink;
            }
        };
    }

    /** Starts collecting the metrics of one unit of work; {@link Batch#flush()} writes them. */
    public Batch start() {
        MetricsLogger logger = new MetricsLogger(emfEnvironment.get());
        logger.setNamespace(namespace);
        logger.setDimensions(DimensionSet.of("Service", service, "Environment", environment));
        return new Batch(logger);
    }

    /** The metrics of one unit of work. */
    public static final class Batch {
        private final MetricsLogger logger;

        private Batch(MetricsLogger logger) {
            this.logger = logger;
        }

        public Batch count(String name, double value) {
            logger.putMetric(name, value, Unit.COUNT);
            return this;
        }

        public Batch milliseconds(String name, double value) {
            logger.putMetric(name, value, Unit.MILLISECONDS);
            return this;
        }

        public Batch bytes(String name, double value) {
            logger.putMetric(name, value, Unit.BYTES);
            return this;
        }

        /** A searchable property of the log line that is not a metric (e.g. the correlation id). */
        public Batch property(String name, Object value) {
            logger.putProperty(name, value);
            return this;
        }

        public void flush() {
            logger.flush();
        }
    }
}
