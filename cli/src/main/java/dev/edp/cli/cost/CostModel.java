package dev.edp.cli.cost;

import dev.edp.cli.cost.StackInventory.Function;
import dev.edp.cli.cost.StackInventory.Role;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A month of a stack, priced: from its {@link StackInventory} (what the graph holds), one scenario's
 * {@link Volumes} and the {@link PriceTable}. All arithmetic is {@link BigDecimal}; a month is 30 days; a GB is
 * 1,048,576 KB. The formulas, per component:
 * <ul>
 *   <li>EventBridge: custom events = events + cost reports (an upload forwarded from the default bus is a custom
 *       event on the EDP bus; S3's own event on the default bus is free); schema discovery ingests the same; the
 *       archive holds events x size for its retention (0 = forever, counted as 12 months).</li>
 *   <li>Lambda: each consumer gets events x deliveries / consumers messages, in invocations of
 *       min(messagesPerInvocation, its batch size); cur-ingest one invocation per report; each workflow task one
 *       per execution. GB-seconds = invocations x duration x memory, priced by architecture. Provisioned
 *       concurrency is counted (GB-seconds of the month) but not priced.</li>
 *   <li>SQS: per consumer queue, EventBridge's SendMessage per message plus one ReceiveMessage and one
 *       DeleteMessageBatch per invocation, per 64 KB chunk, plus the poller's receives; standard or FIFO price.</li>
 *   <li>SNS: publishes = messages handled x notifications per message; e-mail and HTTPS deliveries per
 *       subscription of the notifications topics.</li>
 *   <li>Step Functions: executions x the states of the definition (every state entered once: an upper bound).</li>
 *   <li>DynamoDB: on-demand write and read request units per message handled.</li>
 *   <li>S3: the audit trail's compressed events for the days before its first lifecycle transition, and a month
 *       of cost reports, in S3 Standard.</li>
 *   <li>CloudWatch: the graph's alarms and dashboards; log ingestion per invocation (and per workflow state when
 *       the state machine logs ALL).</li>
 *   <li>KMS: the graph's keys; per consumer queue two requests per message, at most two per data-key reuse period
 *       (SQS caches data keys), plus the other services' requests.</li>
 *   <li>Firehose: the audit trail's ingestion, in 5 KB records: counted, not priced.</li>
 * </ul>
 */
public final class CostModel {

    static final BigDecimal SECONDS_PER_MONTH = BigDecimal.valueOf(30L * 24 * 3600);
    static final BigDecimal KB_PER_GB = BigDecimal.valueOf(1024L * 1024);
    static final BigDecimal MB_PER_GB = BigDecimal.valueOf(1024);
    static final BigDecimal DAYS_PER_MONTH = BigDecimal.valueOf(30);
    static final int FOREVER_MONTHS = 12;
    private static final MathContext MC = MathContext.DECIMAL128;

    /** One scenario's estimate: its line items. */
    public record Estimate(Scenario scenario, List<LineItem> items) {

        public BigDecimal total(Component component) {
            return items.stream().filter(i -> i.component() == component).map(LineItem::cost)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public BigDecimal total() {
            return items.stream().map(LineItem::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public Map<Component, BigDecimal> byComponent() {
            Map<Component, BigDecimal> totals = new EnumMap<>(Component.class);
            for (Component c : Component.values()) {
                totals.put(c, total(c));
            }
            return totals;
        }
    }

    private final StackInventory stack;
    private final PriceTable prices;

    public CostModel(StackInventory stack, PriceTable prices) {
        this.stack = stack;
        this.prices = prices;
    }

    public Estimate estimate(Scenario scenario, Volumes volumes) {
        return new Month(scenario, volumes).price();
    }

    /** The counts of one scenario's month and their pricing. */
    private final class Month {
        final Scenario scenario;
        final Volumes volumes;
        final List<LineItem> items = new ArrayList<>();
        final BigDecimal events;
        final BigDecimal reports;
        final BigDecimal executions;
        final BigDecimal busEvents;
        final BigDecimal busGb;

        Month(Scenario scenario, Volumes volumes) {
            this.scenario = scenario;
            this.volumes = volumes;
            this.events = v("events");
            this.reports = stack.functions(Role.CUR_INGEST).isEmpty() ? BigDecimal.ZERO : v("curReports");
            this.executions = stack.workflowStates() == 0 ? BigDecimal.ZERO : v("workflowExecutions");
            this.busEvents = events.add(reports);
            this.busGb = busEvents.multiply(v("eventSizeKb")).divide(KB_PER_GB, MC);
        }

        BigDecimal v(String key) {
            return volumes.get(scenario, key);
        }

        Estimate price() {
            eventBridge();
            BigDecimal messages = BigDecimal.ZERO;
            BigDecimal invocations = BigDecimal.ZERO;
            BigDecimal sqsStandard = BigDecimal.ZERO;
            BigDecimal sqsFifo = BigDecimal.ZERO;
            BigDecimal kmsSqs = BigDecimal.ZERO;
            Map<String, BigDecimal> gbSecondsByArch = new java.util.TreeMap<>();
            List<Function> consumers = stack.functions(Role.CONSUMER);
            BigDecimal perConsumer = consumers.isEmpty() ? BigDecimal.ZERO
                    : events.multiply(v("deliveriesPerEvent")).divide(BigDecimal.valueOf(consumers.size()), MC);
            BigDecimal chunks = v("eventSizeKb").divide(BigDecimal.valueOf(64), 0, RoundingMode.CEILING).max(BigDecimal.ONE);
            for (Function f : stack.functions()) {
                BigDecimal fnMessages;
                BigDecimal fnInvocations;
                BigDecimal seconds;
                switch (f.role()) {
                    case CONSUMER -> {
                        fnMessages = perConsumer;
                        BigDecimal batch = v("messagesPerInvocation").min(BigDecimal.valueOf(f.batchSize())).max(BigDecimal.ONE);
                        fnInvocations = fnMessages.divide(batch, 0, RoundingMode.CEILING);
                        seconds = fnInvocations.multiply(v("functionDurationMs")).divide(BigDecimal.valueOf(1000), MC);
                    }
                    case CUR_INGEST -> {
                        fnMessages = reports;
                        fnInvocations = reports;
                        seconds = reports.multiply(v("curReportSeconds"));
                    }
                    case WORKFLOW_TASK -> {
                        fnMessages = BigDecimal.ZERO;
                        fnInvocations = executions;
                        seconds = executions.multiply(v("functionDurationMs")).divide(BigDecimal.valueOf(1000), MC);
                    }
                    default -> {
                        fnMessages = BigDecimal.ZERO;
                        fnInvocations = BigDecimal.ZERO;
                        seconds = BigDecimal.ZERO;
                    }
                }
                messages = messages.add(fnMessages);
                invocations = invocations.add(fnInvocations);
                gbSecondsByArch.merge(f.architecture(), seconds.multiply(gb(f)), BigDecimal::add);
                if (f.role() == Role.CONSUMER || f.role() == Role.CUR_INGEST) {
                    // The function's queue: the 64 KB-chunked requests of its messages, plus the poller's receives.
                    BigDecimal requests = fnMessages.add(fnInvocations.multiply(BigDecimal.valueOf(2))).multiply(chunks)
                            .add(v("pollerReceivesPerQueue"));
                    if (queueOf(f).fifo()) {
                        sqsFifo = sqsFifo.add(requests);
                    } else {
                        sqsStandard = sqsStandard.add(requests);
                    }
                    BigDecimal cacheBound = SECONDS_PER_MONTH.multiply(BigDecimal.valueOf(2))
                            .divide(BigDecimal.valueOf(Math.max(1, queueOf(f).kmsDataKeyReuseSeconds())), MC);
                    kmsSqs = kmsSqs.add(fnMessages.multiply(BigDecimal.valueOf(2)).min(cacheBound));
                }
            }
            lambda(invocations, gbSecondsByArch);
            sqs(sqsStandard, sqsFifo);
            sns(messages);
            stepFunctions();
            dynamo(messages);
            s3();
            cloudWatch(invocations);
            kms(kmsSqs);
            firehose();
            return new Estimate(scenario, List.copyOf(items));
        }

        void eventBridge() {
            add(Component.EVENTBRIDGE, "custom events on the bus", busEvents, "eventbridge.customEvent");
            if (stack.schemaDiscovery()) {
                add(Component.EVENTBRIDGE, "events ingested by schema discovery", busEvents, "eventbridge.schemaDiscovery");
            }
            stack.archiveRetentionDays().ifPresent(days -> {
                BigDecimal months = days == 0 ? BigDecimal.valueOf(FOREVER_MONTHS)
                        : BigDecimal.valueOf(days).divide(DAYS_PER_MONTH, MC);
                add(Component.EVENTBRIDGE, "archive, " + (days == 0 ? "kept forever (12 months counted)"
                        : days + "-day retention"), busGb.multiply(months), "eventbridge.archive");
            });
        }

        void lambda(BigDecimal invocations, Map<String, BigDecimal> gbSecondsByArch) {
            add(Component.LAMBDA, "requests of " + stack.functions().size() + " functions", invocations, "lambda.request");
            gbSecondsByArch.forEach((arch, gbSeconds) -> add(Component.LAMBDA, "duration, " + arch, gbSeconds,
                    "lambda.duration." + arch));
            BigDecimal provisioned = BigDecimal.ZERO;
            for (Function f : stack.functions()) {
                provisioned = provisioned.add(BigDecimal.valueOf(f.provisionedConcurrency()).multiply(gb(f))
                        .multiply(SECONDS_PER_MONTH));
            }
            if (provisioned.signum() > 0) {
                items.add(LineItem.notPriced(Component.LAMBDA, "provisioned concurrency", provisioned,
                        "GB-seconds provisioned", "lambda.provisionedConcurrency"));
            }
        }

        void sqs(BigDecimal standard, BigDecimal fifo) {
            add(Component.SQS, "standard-queue requests", standard, "sqs.standardRequest");
            if (fifo.signum() > 0) {
                add(Component.SQS, "FIFO-queue requests", fifo, "sqs.fifoRequest");
            }
        }

        void sns(BigDecimal messages) {
            BigDecimal publishes = messages.multiply(v("notificationsPerMessage"));
            add(Component.SNS, "notifications published", publishes, "sns.publish");
            Map<String, Integer> subscriptions = stack.notificationSubscriptionsByProtocol();
            subscriptions.forEach((protocol, count) -> {
                BigDecimal deliveries = publishes.multiply(BigDecimal.valueOf(count));
                switch (protocol) {
                    case "email", "email-json" -> add(Component.SNS, count + " e-mail subscription(s)", deliveries,
                            "sns.emailDelivery");
                    case "http", "https" -> add(Component.SNS, count + " HTTPS subscription(s)", deliveries,
                            "sns.httpsDelivery");
                    default -> items.add(LineItem.notPriced(Component.SNS, count + " " + protocol + " subscription(s)",
                            deliveries, "deliveries", "sns.sqsLambdaDelivery"));
                }
            });
        }

        void stepFunctions() {
            if (stack.workflowStates() > 0) {
                add(Component.STEP_FUNCTIONS, "state transitions (" + stack.workflowStates() + " states per execution)",
                        executions.multiply(BigDecimal.valueOf(stack.workflowStates())), "stepfunctions.transition");
            }
        }

        void dynamo(BigDecimal messages) {
            add(Component.DYNAMODB, "write request units", messages.multiply(v("tableWritesPerMessage")),
                    "dynamodb.writeRequestUnit");
            add(Component.DYNAMODB, "read request units", messages.multiply(v("tableReadsPerMessage")),
                    "dynamodb.readRequestUnit");
        }

        void s3() {
            stack.audit().ifPresent(audit -> {
                int days = audit.standardDays() > 0 ? audit.standardDays() : (audit.expireDays() > 0 ? audit.expireDays() : 30);
                BigDecimal gbMonths = busGb.multiply(v("auditCompressionRatio"))
                        .multiply(BigDecimal.valueOf(days)).divide(DAYS_PER_MONTH, MC);
                add(Component.S3, "audit trail in S3 Standard (" + days + " days)", gbMonths, "s3.standardStorage");
            });
            if (reports.signum() > 0) {
                add(Component.S3, "a month of cost reports", reports.multiply(v("curReportMb")).divide(MB_PER_GB, MC),
                        "s3.standardStorage");
            }
        }

        void cloudWatch(BigDecimal invocations) {
            add(Component.CLOUDWATCH, stack.alarms() + " alarms", BigDecimal.valueOf(stack.alarms()), "cloudwatch.alarm");
            add(Component.CLOUDWATCH, stack.dashboards() + " dashboard(s)", BigDecimal.valueOf(stack.dashboards()),
                    "cloudwatch.dashboard");
            BigDecimal logKb = invocations.multiply(v("logKbPerInvocation"));
            if (stack.workflowLogsEveryState()) {
                logKb = logKb.add(executions.multiply(BigDecimal.valueOf(stack.workflowStates())).multiply(v("logKbPerInvocation")));
            }
            add(Component.CLOUDWATCH, "logs ingested", logKb.divide(KB_PER_GB, MC), "cloudwatch.logIngestion");
        }

        void kms(BigDecimal sqsRequests) {
            add(Component.KMS, stack.kmsKeys() + " customer managed key(s)", BigDecimal.valueOf(stack.kmsKeys()), "kms.key");
            add(Component.KMS, "requests", sqsRequests.add(v("otherKmsRequests")), "kms.request");
        }

        void firehose() {
            if (stack.audit().isPresent()) {
                BigDecimal recordKb = v("eventSizeKb").divide(BigDecimal.valueOf(5), 0, RoundingMode.CEILING)
                        .max(BigDecimal.ONE).multiply(BigDecimal.valueOf(5));
                items.add(LineItem.notPriced(Component.FIREHOSE, "audit events ingested (5 KB records)",
                        busEvents.multiply(recordKb).divide(KB_PER_GB, MC), "GB", "firehose.ingestion"));
            }
        }

        void add(Component component, String item, BigDecimal quantity, String priceKey) {
            items.add(LineItem.priced(component, item, quantity, prices.price(priceKey)));
        }
    }

    private static BigDecimal gb(Function f) {
        return BigDecimal.valueOf(f.memoryMb()).divide(MB_PER_GB, MC);
    }

    /** The queue that feeds a function (its event source mapping's), as the graph links them. */
    private StackInventory.Queue queueOf(Function f) {
        String name = f.queue().orElseThrow(() -> new IllegalStateException(f.name() + " has no queue"));
        return stack.queues().stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("queue " + name + " of " + f.name() + " is not in the graph"));
    }
}
