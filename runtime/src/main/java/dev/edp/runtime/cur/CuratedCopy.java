package dev.edp.runtime.cur;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the curated copy of a report to the data-lake bucket: one CSV object per usage day and report version,
 * {@code curated/provider=aws/year=YYYY/month=MM/day=DD/<objectId>-<versionTag>.csv}, holding that day's totals per
 * account and service ({@link CostCsv}'s columns) plus the source bucket, key and version. Hive-style partitions, so
 * Athena or Glue read it as a table partitioned by provider and date.
 *
 * <p>Named by version, not only by object, so that two versions of one key never write the same object: the
 * committed version's files are written first, then the replaced versions' files are deleted ({@link CurIngest}),
 * and a version that finds itself superseded after writing deletes its own. Once an ingest has finished, the lake
 * holds exactly the committed version's days, like the ledger.
 */
public final class CuratedCopy {

    static final List<String> SOURCE_HEADER = List.of("source_bucket", "source_key", "source_version");

    private final S3Client s3;
    private final String bucket;

    public CuratedCopy(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Writes one object per day of the report version, the days' puts at once ({@link Parallel}: distinct keys, so
     * their order does not matter; a report of a month made 31 round trips one after the other). Returns the keys,
     * in day order, once every put has succeeded.
     */
    public List<String> write(CurObject object, CurAggregation report) {
        List<String> keys = new ArrayList<>();
        List<Runnable> puts = new ArrayList<>();
        for (LocalDate day : report.days()) {
            String csv = csv(object, report, day);
            String key = key(day, object.objectId(), object.versionTag());
            puts.add(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv; charset=utf-8"), RequestBody.fromString(csv)));
            keys.add(key);
        }
        Parallel.run(puts);
        return keys;
    }

    /** The curated CSV of one day of the report version. */
    static String csv(CurObject object, CurAggregation report, LocalDate day) {
        java.io.StringWriter csv = new java.io.StringWriter();
        try {
            CostCsv.write(report.day(day), csv, SOURCE_HEADER, List.of(object.bucket(), object.key(), object.version()));
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return csv.toString();
    }

    /** SnapStart priming: renders a day and asks S3 for an object that never exists (a read; 403/404 expected). */
    void prime(CurObject object, CurAggregation report) {
        csv(object, report, report.days().first());
        try {
            s3.headObject(b -> b.bucket(bucket).key("curated/priming/never-written"));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception expected) {
            // NoSuchKey, or AccessDenied without s3:ListBucket: either way the client's whole path ran.
        }
    }

    /** Deletes a version's objects, one per day it had, at once (deleting an absent object is not an error in S3). */
    public void delete(String objectId, String versionTag, java.util.Collection<LocalDate> days) {
        List<Runnable> deletes = new ArrayList<>();
        for (LocalDate day : days) {
            deletes.add(() -> s3.deleteObject(b -> b.bucket(bucket).key(key(day, objectId, versionTag))));
        }
        Parallel.run(deletes);
    }

    /** The curated object of one day of one report version. */
    public static String key(LocalDate day, CurObject object) {
        return key(day, object.objectId(), object.versionTag());
    }

    private static String key(LocalDate day, String objectId, String versionTag) {
        return String.format("curated/provider=aws/year=%04d/month=%02d/day=%02d/%s-%s.csv",
                day.getYear(), day.getMonthValue(), day.getDayOfMonth(), objectId, versionTag);
    }
}
