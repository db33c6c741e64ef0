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
 * record its contributions, commit them, write the curated copy, then notify success and anomalies. Safe to run
 * again from the start after a crash anywhere: every write is idempotent and the totals count only committed
 * versions; a version already committed and notified is recognised and skipped.
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

    public CurIngest(CurSettings settings, S3Client s3, DynamoDbClient dynamo, Notifier notifier, Clock clock) {
        this.s3 = s3;
        this.dynamo = dynamo;
        this.settings = settings;
        this.ledger = new CostLedger(dynamo, settings.tableName(), clock);
        this.curated = new CuratedCopy(s3, settings.curatedBucket());
        this.notifier = notifier;
    }

    public Result ingest(CurObject object) throws IOException {
        Optional<ObjectHead> head = ledger.head(object);
        if (head.filter(h -> h.versionTag().equals(object.versionTag()) && h.notified()).isPresent()) {
            return Result.of(Status.ALREADY_INGESTED);
        }
        if (head.filter(h -> h.isNewerThan(object)).isPresent()) {
            return Result.of(Status.SUPERSEDED);
        }
        Optional<CurAggregation> read = read(object);
        if (read.isEmpty()) {
            return Result.of(Status.SUPERSEDED);
        }
        CurAggregation report = read.get();
        ledger.record(object, report);
        CostLedger.Commit commit = ledger.commit(object, report);
        if (!commit.committed()) {
            return Result.of(Status.SUPERSEDED);
        }
        List<String> curatedKeys = curated.write(object, report,
                commit.replaced().map(ObjectHead::days).orElse(List.of()));
        commit.replaced().ifPresent(ledger::forget);
        List<AnomalyRule.Anomaly> anomalies = settings.anomalyRule().find(report, new CostTotals(dynamo, settings.tableName()));
        notifier.publish(CurNotifications.success(object, report, curatedKeys));
        if (!anomalies.isEmpty()) {
            notifier.publish(CurNotifications.anomalies(object, anomalies, settings.anomalyRule()));
        }
        ledger.markNotified(object);
        return new Result(Status.INGESTED, Optional.of(report), anomalies, curatedKeys);
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
