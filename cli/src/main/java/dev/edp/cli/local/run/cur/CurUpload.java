package dev.edp.cli.local.run.cur;

import dev.edp.cli.local.run.Notifications.Notification;
import dev.edp.runtime.cur.CurAggregation;
import dev.edp.runtime.cur.CurObject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One cost report uploaded during the run, and what was observed about it. A good report is expected to be
 * ingested (head committed in DynamoDB, curated copies, a success notification); a bad one to fail each delivery,
 * land in the DLQ after maxReceiveCount receives, and cause one error notification naming the file and line.
 */
public final class CurUpload {

    private final String phase;
    private final String bucket;
    private final String key;
    private final CurAggregation expected;
    private final int badLine;
    private final Instant startedAt;
    private volatile String versionId;
    private volatile String etag;

    private volatile Notification success;
    private volatile Notification error;
    private volatile boolean committed;
    private volatile boolean curated;
    private volatile boolean deadLettered;

    private CurUpload(String phase, String bucket, String key, CurAggregation expected, int badLine, Instant startedAt) {
        this.phase = phase;
        this.bucket = bucket;
        this.key = key;
        this.expected = expected;
        this.badLine = badLine;
        this.startedAt = startedAt;
    }

    /** A report that should be ingested with these totals. */
    public static CurUpload good(String phase, String bucket, String key, CurAggregation expected, Instant at) {
        return new CurUpload(phase, bucket, key, expected, 0, at);
    }

    /** A report that should be refused at {@code badLine}. */
    public static CurUpload bad(String phase, String bucket, String key, int badLine, Instant at) {
        return new CurUpload(phase, bucket, key, null, badLine, at);
    }

    void uploaded(String versionId, String etag) {
        this.versionId = versionId;
        this.etag = etag;
    }

    public String phase() {
        return phase;
    }

    public boolean good() {
        return expected != null;
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    public String key() {
        return key;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The totals the report holds (good reports), computed locally with the runtime's own parser. */
    public Optional<CurAggregation> expected() {
        return Optional.ofNullable(expected);
    }

    /** The line a bad report's error must name. */
    public int badLine() {
        return badLine;
    }

    /** The uploaded version, as the ledger keys it. */
    public CurObject object() {
        return new CurObject(bucket, key, Optional.ofNullable(versionId), etag == null ? "" : etag.replace("\"", ""), "");
    }

    public Optional<Notification> success() {
        return Optional.ofNullable(success);
    }

    public Optional<Notification> error() {
        return Optional.ofNullable(error);
    }

    public boolean committed() {
        return committed;
    }

    public boolean curated() {
        return curated;
    }

    public boolean deadLettered() {
        return deadLettered;
    }

    void succeeded(Notification notification) {
        this.success = notification;
    }

    void failed(Notification notification) {
        this.error = notification;
    }

    void committed(boolean value) {
        this.committed = value;
    }

    void curated(boolean value) {
        this.curated = value;
    }

    void deadLettered(boolean value) {
        this.deadLettered = value;
    }

    /** Upload to DynamoDB + SNS: from the start of the upload to the success notification (published after the commit). */
    public Optional<Duration> latency() {
        return committed && success != null ? Optional.of(Duration.between(startedAt, success.publishedAt()))
                : Optional.empty();
    }

    /** Whether the expected outcome was observed completely. */
    public boolean asExpected() {
        return good() ? committed && curated && success != null
                : deadLettered && error != null && error.body().path("line").asInt(-1) == badLine;
    }
}
