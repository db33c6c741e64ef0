package dev.edp.cli.local.run.cur;

import dev.edp.sandbox.bus.BusEvent;
import dev.edp.cli.local.run.Notifications.Notification;
import dev.edp.cli.local.run.QueuePeek;
import dev.edp.cli.local.run.ScenarioContext;
import dev.edp.reference.SeedConsumers;
import dev.edp.runtime.cur.CostKey;
import dev.edp.runtime.cur.CostLedger;
import dev.edp.runtime.cur.CostTotal;
import dev.edp.runtime.cur.CostTotals;
import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurObject;
import dev.edp.runtime.cur.CuratedCopy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Uploads cost reports into the deployed ingest bucket and observes their outcome in the emulator: the object's
 * head in DynamoDB (the CUR function's commit marker), the curated copies in the curated bucket, the notifications
 * on the topic, the CUR consumer's dead-letter queue.
 */
public final class CurProbe {

    private final ScenarioContext context;

    public CurProbe(ScenarioContext context) {
        this.context = context;
    }

    /** Uploads a good report; {@code traced} prints its trace live. */
    public CurUpload uploadGood(String phase, String key, byte[] report, boolean traced) {
        CurAggregation expected = CurReports.aggregate(key, report);
        CurUpload upload = CurUpload.good(phase, context.export("ingestBucketName"), key, expected, Instant.now());
        return put(upload, report, traced, "CUR upload (good report, " + expected.lineItems() + " rows)");
    }

    /** Uploads a report the parser must refuse at {@code badLine}. */
    public CurUpload uploadBad(String phase, String key, byte[] report, int badLine, boolean traced) {
        CurUpload upload = CurUpload.bad(phase, context.export("ingestBucketName"), key, badLine, Instant.now());
        return put(upload, report, traced, "CUR upload (bad report: line " + badLine + " is broken)");
    }

    private CurUpload put(CurUpload upload, byte[] report, boolean traced, String title) {
        context.uploads().add(upload);
        if (traced) {
            context.trace().start(upload.uri(), title + "  " + upload.uri(), upload.startedAt());
        }
        PutObjectResponse response = context.aws().s3().putObject(b -> b.bucket(context.export("ingestBucketName"))
                .key(upload.key()), RequestBody.fromBytes(report));
        upload.uploaded(response.versionId(), response.eTag());
        context.trace().hop(upload.uri(), Instant.now(), "S3 PutObject returned: " + report.length + " bytes, version "
                + response.versionId());
        return upload;
    }

    /** Waits for the upload's outcome (up to the context's timeout) and records what the emulator holds. */
    public void awaitOutcome(CurUpload upload) {
        Duration timeout = context.timeout();
        if (upload.good()) {
            context.notifications().await(n -> isAbout(n, upload, "success"), timeout)
                    .ifPresent(upload::succeeded);
            observeState(upload);
            if (upload.committed()) {
                context.trace().hop(upload.uri(), Instant.now(), "DynamoDB: head committed for version "
                        + upload.object().version() + (upload.curated() ? "; curated copies in S3" : "; curated copies MISSING"));
            }
        } else {
            context.notifications().await(n -> isAbout(n, upload, "error"), timeout).ifPresent(upload::failed);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!inDeadLetterQueue(upload) && System.nanoTime() < deadline) {
                pause();
            }
            upload.deadLettered(inDeadLetterQueue(upload));
            if (upload.deadLettered()) {
                context.trace().hop(upload.uri(), Instant.now(), "SQS redrive (moto): in DLQ "
                        + queueName(deadLetterQueueUrl()) + " after " + failedAttempts(upload) + " failed receives");
            }
        }
    }

    /** Reads the head and the curated copies of a good upload. */
    public void observeState(CurUpload upload) {
        CurObject object = upload.object();
        CostLedger ledger = new CostLedger(context.aws().dynamo(), context.export("tableName"), Clock.systemUTC());
        upload.committed(ledger.head(object).map(head -> head.versionTag().equals(object.versionTag())).orElse(false));
        upload.curated(upload.expected().map(e -> e.days().stream().allMatch(day -> curatedExists(day, object)))
                .orElse(false));
    }

    /** Whether the report's message is in the CUR consumer's dead-letter queue now. */
    public boolean inDeadLetterQueue(CurUpload upload) {
        return QueuePeek.peek(context.aws().sqs(), deadLetterQueueUrl()).values().stream()
                .anyMatch(m -> upload.uri().equals(keyOf(m.body())));
    }

    /** How many deliveries of the upload's event the CUR function failed. */
    public long failedAttempts(CurUpload upload) {
        return context.ledger().attempts(upload.uri()).stream().filter(a -> !a.ok()).count();
    }

    /**
     * Whether DynamoDB's committed totals, for every day the good reports touch, equal exactly the sum of those
     * reports' own totals (and the bad reports added nothing). Returns the differences, empty when equal.
     */
    public List<String> totalsDifferences(List<CurUpload> good) {
        Map<CostKey, CostTotal> expected = new TreeMap<>();
        TreeSet<LocalDate> days = new TreeSet<>();
        for (CurUpload upload : good) {
            CurAggregation report = upload.expected().orElseThrow();
            report.totals().forEach((k, v) -> expected.merge(k, v, CostTotal::plus));
            days.addAll(report.days());
        }
        CostTotals totals = new CostTotals(context.aws().dynamo(), context.export("tableName"));
        Map<CostKey, CostTotal> actual = new TreeMap<>();
        days.forEach(day -> actual.putAll(totals.day(day)));
        List<String> differences = new java.util.ArrayList<>();
        for (CostKey k : new TreeSet<>(java.util.stream.Stream.concat(expected.keySet().stream(), actual.keySet().stream()).toList())) {
            CostTotal want = expected.getOrDefault(k, CostTotal.ZERO);
            CostTotal got = actual.getOrDefault(k, CostTotal.ZERO);
            if (want.unblendedCost().compareTo(got.unblendedCost()) != 0 || want.lineItems() != got.lineItems()) {
                differences.add(k + ": expected " + want + ", DynamoDB has " + got);
            }
        }
        return differences;
    }

    public String deadLetterQueueUrl() {
        String url = context.exportMap("deadLetterQueueUrls").get(SeedConsumers.CUR_INGEST);
        if (url == null) {
            throw new IllegalStateException("the stack exports no dead-letter queue for " + SeedConsumers.CUR_INGEST);
        }
        return url;
    }

    private boolean curatedExists(LocalDate day, CurObject object) {
        try {
            return context.aws().s3().headObject(b -> b.bucket(context.export("curatedBucketName"))
                    .key(CuratedCopy.key(day, object))).contentLength() > 0;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isAbout(Notification n, CurUpload upload, String kind) {
        return kind.equals(n.kind()) && upload.uri().equals(n.object());
    }

    private static String keyOf(String body) {
        try {
            return BusEvent.parse(body).key();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String queueName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first notification about an upload, of a kind. */
    public Optional<Notification> notification(CurUpload upload, String kind) {
        return context.notifications().all().stream().filter(n -> isAbout(n, upload, kind)).findFirst();
    }
}
