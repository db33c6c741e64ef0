package dev.edp.runtime.cur;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.edp.runtime.common.AwsClients;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Metrics;
import dev.edp.runtime.common.Notifier;
import dev.edp.runtime.common.S3ObjectCreated;
import dev.edp.runtime.common.Settings;
import dev.edp.runtime.common.SqsBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CUR ingest function: each SQS record is an S3 "Object Created" event (S3 → default bus → forwarding rule →
 * custom bus → rule → queue) for a cost report; each is ingested on its own ({@link CurIngest}) and only the failed
 * ones are returned, so they are retried and, after the queue's maxReceiveCount, dead-lettered. On that last
 * delivery an error notification names the file and line.
 *
 * <p>Handler string: {@code dev.edp.runtime.cur.CurIngestHandler::handleRequest}.
 */
public final class CurIngestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final String SERVICE = "cur-ingest";
    static final String NAMESPACE = "EDP";

    private final CurIngest ingest;
    private final Notifier notifier;
    private final JsonLog log;
    private final Metrics metrics;
    private final int maxReceiveCount;
    /** Held so that the CRaC context, which references it weakly, keeps it until the snapshot. */
    private final dev.edp.runtime.common.Priming priming;

    /** For Lambda: configuration from the environment, clients built once per execution environment. */
    public CurIngestHandler() {
        this(System.getenv());
    }

    /**
     * With the function's environment variables given instead of read from the process: what the local sandbox
     * ({@code ./edp local}) calls, with the variables the stack gives this function, to run it in-process.
     */
    public CurIngestHandler(Map<String, String> environment) {
        this(CurSettings.from(new Settings(environment)), new AwsClients(environment), environment);
    }

    private CurIngestHandler(CurSettings settings, AwsClients clients, Map<String, String> env) {
        this(settings, clients.s3(), clients.dynamoDb(), clients.sns(), JsonLog.stdout(SERVICE, settings.environment()),
                Metrics.forProcess(NAMESPACE, SERVICE, settings.environment(), env), Clock.systemUTC());
    }

    /** With its collaborators, for tests and local runs. */
    public CurIngestHandler(CurSettings settings, S3Client s3, DynamoDbClient dynamo, SnsClient sns, JsonLog log,
                            Metrics metrics, Clock clock) {
        this.notifier = new Notifier(sns, settings.topicArn(), settings.environment());
        this.ingest = new CurIngest(settings, s3, dynamo, notifier, clock);
        this.log = log;
        this.metrics = metrics;
        this.maxReceiveCount = settings.maxReceiveCount();
        this.priming = dev.edp.runtime.common.Priming.register(SERVICE, () -> {
            try {
                ingest.prime();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            rehearse(settings, clock);
        });
    }

    /** SnapStart's warm-up (run before the snapshot by the CRaC hook; public for the cold-start benchmark). */
    public boolean prime() {
        return priming.prime();
    }

    /**
     * The whole handler on the priming batch ({@code Priming.REHEARSALS} times), on a twin whose clients send nothing (every call succeeds empty;
     * S3 serves the made-up report) and whose log and metrics go nowhere: the ledger's writes, the curated copy's
     * puts, the publish and the batch plumbing run through the SDK without touching any resource.
     */
    private static void rehearse(CurSettings settings, Clock clock) {
        AwsClients nowhere = AwsClients.forPriming(CurIngest.PRIMING_REPORT);
        CurIngestHandler twin = new CurIngestHandler(settings, nowhere.s3(), nowhere.dynamoDb(), nowhere.sns(),
                new JsonLog(SERVICE, settings.environment(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), clock),
                Metrics.discarded(NAMESPACE, SERVICE, settings.environment()), clock);
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId("priming");
        record.setBody(CurIngest.PRIMING_EVENT);
        record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent batch = new SQSEvent();
        batch.setRecords(java.util.List.of(record));
        dev.edp.runtime.common.Priming.rehearse(() -> {
            if (!twin.handleRequest(batch, null).getBatchItemFailures().isEmpty()) {
                // The twin logs nowhere: say here that the rehearsal stopped short, so priming reports it (prime() false).
                throw new IllegalStateException("the rehearsal of an ingest failed on the priming transport");
            }
        });
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Metrics.Batch batch = metrics.start();
        try {
            return SqsBatch.process(event, record -> ingest(record, batch), (record, error) -> failed(record, error, batch));
        } finally {
            log.clearCorrelationId();
            batch.flush();
        }
    }

    private void ingest(SQSEvent.SQSMessage record, Metrics.Batch batch) throws Exception {
        long started = System.nanoTime();
        log.correlationId(record.getMessageId());
        S3ObjectCreated upload = S3ObjectCreated.parse(record.getBody());
        log.correlationId(upload.eventId());
        CurIngest.Result result = ingest.ingest(CurObject.of(upload));
        double millis = (System.nanoTime() - started) / 1e6;

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("object", upload.uri());
        fields.put("status", result.status().name());
        fields.put("messageId", record.getMessageId());
        fields.put("durationMs", Math.round(millis));
        result.report().ifPresent(report -> {
            fields.put("rows", report.lineItems());
            fields.put("groups", report.totals().size());
            fields.put("unblendedCost", Amounts.plain(report.grandTotal()));
            batch.count("Rows", report.lineItems());
        });
        fields.put("anomalies", result.anomalies().size());
        log.info("cost report " + result.status().name().toLowerCase(java.util.Locale.ROOT), fields);
        batch.count("Files", 1).count(statusMetric(result.status()), 1).milliseconds("Duration", millis)
                .count("Anomalies", result.anomalies().size());
    }

    private void failed(SQSEvent.SQSMessage record, Exception error, Metrics.Batch batch) {
        int receiveCount = SqsBatch.receiveCount(record);
        boolean last = receiveCount >= maxReceiveCount;
        String object = null;
        String eventId = null;
        try {
            S3ObjectCreated upload = S3ObjectCreated.parse(record.getBody());
            object = upload.uri();
            eventId = upload.eventId();
        } catch (S3ObjectCreated.InvalidEventException unreadable) {
            // The error itself says what is wrong with the event.
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("object", object);
        fields.put("messageId", record.getMessageId());
        fields.put("receiveCount", receiveCount);
        fields.put("lastDelivery", last);
        if (error instanceof CurFormatException format) {
            fields.put("file", format.file());
            fields.put("line", format.line());
        }
        log.error("cost report failed", fields, error);
        batch.count("Failures", 1);
        if (last) {
            try {
                notifier.publish(CurNotifications.error(object, eventId, record.getMessageId(), receiveCount, error));
            } catch (RuntimeException publishFailed) {
                // The record still fails and reaches the dead-letter queue; the log says what could not be told.
                log.error("error notification could not be published", fields, publishFailed);
            }
        }
        log.clearCorrelationId();
    }

    private static String statusMetric(CurIngest.Status status) {
        return switch (status) {
            case INGESTED -> "FilesIngested";
            case ALREADY_INGESTED -> "FilesAlreadyIngested";
            case SUPERSEDED -> "FilesSuperseded";
        };
    }
}
