package dev.edp.runtime.cur;

import dev.edp.runtime.common.Notifier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The business step: ingest one uploaded report version. Read and sum it (nothing is written if any line is bad),
 * record its contributions, commit them over the head it read, write the curated copy, clean up the versions the
 * commit replaced, then notify success and anomalies. Safe to run again from the start after a crash anywhere:
 * every write is idempotent, the totals count only committed versions, and the cleanup a commit owes stays on the
 * head until it is done; a version already committed and notified is recognised and skipped. Two versions of one
 * key ingested at once end with the newer one's totals and curated files only (runtime/README.md).
 */
public final class CurIngest {

    /** What became of the upload. */
    public enum Status {
        /** Read, recorded, committed and notified. */
        INGESTED,
        /** This version was already committed and notified: a redelivery. */
        ALREADY_INGESTED,
        /** A later version of the same key is committed (or the object changed since the event): nothing to do. */
        SUPERSEDED
    }

    /** The outcome; {@code report} is empty unless the file was read. */
    public record Result(Status status, Optional<CurAggregation> report, List<AnomalyRule.Anomaly> anomalies,
                         List<String> curatedKeys) {
        static Result of(Status status) {
            return new Result(status, Optional.empty(), List.of(), List.of());
        }
    }

    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final CurSettings settings;
    private final CostLedger ledger;
    private final CuratedCopy curated;
    private final Notifier notifier;
    private final Clock clock;

    public CurIngest(CurSettings settings, S3Client s3, DynamoDbClient dynamo, Notifier notifier, Clock clock) {
        this.s3 = s3;
        this.dynamo = dynamo;
        this.settings = settings;
        this.ledger = new CostLedger(dynamo, settings.tableName(), clock);
        this.curated = new CuratedCopy(s3, settings.curatedBucket());
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * Heads read and commits tried before giving up on an object whose head keeps changing under this one, or whose
     * totals another ingest keeps moving (with a pause of {@link #pause} between: 12 s in all).
     */
    private static final int COMMIT_ROUNDS = 12;

    public Result ingest(CurObject object) throws IOException {
        Optional<ObjectHead> head = ledger.head(object);
        Optional<Status> done = settled(head, object);
        if (done.isPresent()) {
            return Result.of(done.get());
        }
        Optional<CurAggregation> read = read(object);
        if (read.isEmpty()) {
            return Result.of(Status.SUPERSEDED);
        }
        CurAggregation report = read.get();
        ledger.record(object, report);
        String owner = java.util.UUID.randomUUID().toString();
        ObjectHead committed = null;
        for (int round = 1; committed == null; round++) {
            if (round > COMMIT_ROUNDS) {
                throw new IllegalStateException(object.uri() + ": the object's head changed or stayed leased under "
                        + COMMIT_ROUNDS + " attempts to commit; the record is retried");
            }
            Optional<ObjectHead> open = head.filter(h -> h.transition().isPresent());
            if (open.isPresent()) {
                // Another ingest is moving this object's totals, or left the move unfinished: wait for it, or
                // once its lease has ended, finish the move for it. Only then is the head committed over.
                Optional<ObjectHead> taken = open.get().leased(clock.millis()) ? Optional.empty()
                        : ledger.takeOver(open.get(), owner);
                if (taken.isPresent()) {
                    ledger.moveTotals(taken.get(), object, report);
                } else {
                    pause(round);
                }
            } else {
                committed = ledger.commit(object, report, head, owner).orElse(null);
            }
            if (committed == null) {
                head = ledger.head(object);
                done = settled(head, object);
                if (done.isPresent()) {
                    return Result.of(done.get());
                }
            }
        }
        if (committed.transition().isPresent()) {
            ledger.moveTotals(committed, object, report);
        }
        List<String> curatedKeys = curated.write(object, report);
        // A head is never deleted, so after this commit it is this version's or a newer one's; absent only on the
        // transport of SnapStart priming (which answers every read empty), whose rehearsal thus runs to the end.
        if (ledger.head(object).filter(h -> !h.versionTag().equals(object.versionTag())).isPresent()) {
            // A newer version committed while this one was writing: it may have cleaned up before these writes, so
            // this version removes its own files. Its contributions are on the newer head's list.
            curated.delete(object.objectId(), object.versionTag(), report.days());
            return Result.of(Status.SUPERSEDED);
        }
        if (!committed.replaced().isEmpty()) {
            // The head as committed lists every cleanup it owes; when it lists none, removing the list changes nothing
            // (one UpdateItem a new object does not make).
            for (ObjectHead.Replaced replaced : committed.replaced()) {
                curated.delete(object.objectId(), replaced.versionTag(), replaced.days());
                ledger.forget(object.objectId(), replaced);
            }
            ledger.clearReplaced(object);
        }
        List<AnomalyRule.Anomaly> anomalies = settings.anomalyRule().find(report, new CostTotals(dynamo, settings.tableName()));
        notifier.publish(CurNotifications.success(object, report, curatedKeys));
        if (!anomalies.isEmpty()) {
            notifier.publish(CurNotifications.anomalies(object, anomalies, settings.anomalyRule()));
        }
        ledger.markNotified(object);
        return new Result(Status.INGESTED, Optional.of(report), anomalies, curatedKeys);
    }

    /**
     * SnapStart priming (runtime/README.md, "Cold start"): the code paths of an ingest on a made-up report, with
     * reads only, so a snapshot starts warm without touching a real report: the event's parse, the parser on plain
     * and gzip text, the aggregation, the curated CSV, the notification's JSON, a consistent head read and the anomaly
     * window's batch read of an object and days that do not exist, an S3 read of a key never written.
     */
    public void prime() throws IOException {
        CurObject object = CurObject.of(dev.edp.runtime.common.S3ObjectCreated.parse(PRIMING_EVENT));
        byte[] csv = PRIMING_REPORT.clone();
        java.io.ByteArrayOutputStream gzip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gzip)) {
            out.write(csv);
        }
        CurReader.aggregate(object.uri(), new java.io.ByteArrayInputStream(gzip.toByteArray()));
        CurParquet.prime(object.uri());
        CurAggregation report = CurReader.aggregate(object.uri(), new java.io.ByteArrayInputStream(csv));
        curated.prime(object, report);
        notifier.prime(CurNotifications.success(object, report, List.of()));
        notifier.prime(CurNotifications.anomalies(object, List.of(), settings.anomalyRule()));
        ledger.head(object);
        settings.anomalyRule().find(report, new CostTotals(dynamo, settings.tableName()));
    }

    /** A made-up report of 1999 that priming parses (and its twin reads from an S3 that is nowhere). */
    static final byte[] PRIMING_REPORT = ("lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost\n"
            + "1999-01-01T00:00:00Z,000000000000,Priming,1.5\n\"1999-01-01T01:00:00+02:00\",000000000000,Priming,-2E-3\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** An "Object Created" event of a bucket and key that exist nowhere: what priming parses. */
    static final String PRIMING_EVENT = "{\"version\":\"0\",\"id\":\"00000000-0000-0000-0000-000000000000\","
            + "\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"account\":\"000000000000\",\"time\":\"1999-01-01T00:00:00Z\","
            + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"version\":\"0\",\"bucket\":{\"name\":\"edp-priming\"},"
            + "\"object\":{\"key\":\"priming/never-a-report.csv\",\"size\":1,\"etag\":\"0\",\"sequencer\":\"00\"}}}";

    /** Waits a little for another ingest's move of the object's totals: 50 ms, 100 ms, ... up to 2 s. */
    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(2_000L, 50L << Math.min(round - 1, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the object's totals", e);
        }
    }

    /** What the object's head says of this version before any work: already done, superseded, or nothing yet. */
    private static Optional<Status> settled(Optional<ObjectHead> head, CurObject object) {
        if (head.filter(h -> h.versionTag().equals(object.versionTag()) && h.notified()).isPresent()) {
            return Optional.of(Status.ALREADY_INGESTED);
        }
        if (head.filter(h -> h.isNewerThan(object)).isPresent()) {
            return Optional.of(Status.SUPERSEDED);
        }
        return Optional.empty();
    }

    /**
     * Streams exactly the version the event names (by version id, or by entity tag on an unversioned bucket). Empty
     * when the object was overwritten since: that newer upload has its own event.
     */
    private Optional<CurAggregation> read(CurObject object) throws IOException {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(object.bucket()).key(object.key());
        object.versionId().ifPresentOrElse(request::versionId, () -> request.ifMatch(object.etag()));
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = s3.getObject(request.build());
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                return Optional.empty();
            }
            throw e;
        }
        try (body) {
            return Optional.of(CurReader.aggregate(object.uri(), body));
        } catch (RuntimeException | IOException e) {
            body.abort(); // do not drain the rest of a large object just to close the connection
            throw e;
        }
    }
}
