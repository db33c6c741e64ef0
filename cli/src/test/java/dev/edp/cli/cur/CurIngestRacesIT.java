package dev.edp.cli.cur;

import dev.edp.runtime.common.Notifier;
import dev.edp.runtime.cur.CostKey;
import dev.edp.runtime.cur.CostTotal;
import dev.edp.runtime.cur.CurIngest;
import dev.edp.runtime.cur.CurObject;
import dev.edp.runtime.cur.CuratedCopy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Crash points and interleavings of {@link CurIngest} on moto, injected through proxies of the real clients: a failure
 * between the commit and the cleanup it owes, two versions of one key ingested at once, the same bytes uploaded again
 * on an unversioned bucket while a cleanup runs. Each ends with the ledger and the curated lake agreeing on the
 * committed version.
 */
class CurIngestRacesIT extends OnCurPipeline {

    private static final String KEY = "cur/report.csv";
    private static final String HEADER = "lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UnblendedCost\n";
    private static final LocalDate DAY1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate DAY2 = LocalDate.of(2024, 1, 2);

    /**
     * V1 covers days 1 and 2, V2 (a newer upload of the key) only day 1. V2's commit succeeds, then its first
     * curated put fails (a crash, a timeout, an S3 5xx). The retry re-commits V2 over V2; the cleanup of V1 is still
     * on V2's head, so the retry deletes V1's curated days and forgets its contributions.
     */
    @Test
    void aFailureBetweenCommitAndCleanupIsFinishedByTheRetry() throws Exception {
        CurObject v1 = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1\n2024-01-02T00:00:00Z,111111111111,AmazonEC2,1\n", "01");
        assertThat(ingest(aws.s3, aws.dynamo).ingest(v1).status()).isEqualTo(CurIngest.Status.INGESTED);
        assertThat(curated(DAY2, v1)).isPresent();

        CurObject v2 = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,3\n", "02");
        AtomicBoolean failed = new AtomicBoolean();
        S3Client failingOnce = intercept(S3Client.class, aws.s3, (name, args) -> {
            if (name.equals("putObject") && putRequest(args).bucket().equals(pipeline.curatedBucket) && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected: S3 failed the first curated put");
            }
        });
        assertThatThrownBy(() -> ingest(failingOnce, aws.dynamo).ingest(v2)).hasMessageContaining("injected");
        assertThat(ingest(aws.s3, aws.dynamo).ingest(v2).status()).isEqualTo(CurIngest.Status.INGESTED);

        assertThat(pipeline.totals().day(DAY2)).as("the ledger: V2 has nothing on day 2").isEmpty();
        assertThat(curated(DAY2, v1)).as("the lake agrees: V1's day-2 object deleted").isEmpty();
        assertThat(curated(DAY1, v1)).as("V1's day-1 object deleted").isEmpty();
        assertThat(curated(DAY1, v2).orElseThrow()).contains(",AmazonEC2,3,1,");
        assertThat(contributionsOn(DAY2)).as("V1's contributions forgotten").isZero();
        assertThat(aws.dynamo.getItem(g -> g.tableName(pipeline.table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("CUR#OBJECT#" + v2.objectId()), "sk", AttributeValue.fromS("HEAD")))).item())
                .as("the head no longer lists cleanup to do").doesNotContainKey("replaced");
    }

    /**
     * Two versions of one key in flight at once: V1 commits, then V2 (newer) is uploaded and fully ingested while V1
     * is between its commit and its curated copy. V1 then writes its curated files after V2 cleaned up, finds V2
     * committed, and deletes them again: the lake holds V2's total, like the ledger, and V1 notifies nothing.
     */
    @Test
    void anOlderVersionFinishingLateRemovesItsOwnCuratedCopyAndNotifiesNothing() throws Exception {
        CurObject v1 = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1\n", "01");
        AtomicBoolean raced = new AtomicBoolean();
        S3Client racing = intercept(S3Client.class, aws.s3, (name, args) -> {
            if (name.equals("putObject") && putRequest(args).bucket().equals(pipeline.curatedBucket) && raced.compareAndSet(false, true)) {
                CurObject v2 = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,3\n", "02");
                assertThat(ingest(aws.s3, aws.dynamo).ingest(v2).status()).isEqualTo(CurIngest.Status.INGESTED);
            }
        });
        assertThat(ingest(racing, aws.dynamo).ingest(v1).status()).isEqualTo(CurIngest.Status.SUPERSEDED);
        assertThat(raced).isTrue();

        NavigableMap<CostKey, CostTotal> ledger = pipeline.totals().day(DAY1);
        assertThat(ledger.firstEntry().getValue().unblendedCost()).isEqualByComparingTo("3");
        assertThat(curatedDay(DAY1)).as("the lake's day 1: V2's file only, with its total, 3").singleElement()
                .satisfies(text -> assertThat(text).contains(",AmazonEC2,3,1,"));
        assertThat(curated(DAY1, v1)).isEmpty();
    }

    /**
     * Unversioned bucket (version = ETag): content A, then B, then A again. B's ingest replaced A and is about to
     * forget A's contributions when the third upload (A again, the same ETag) is ingested and commits. Its tag is not
     * the first A's (the sequencer is part of it), so B's forget cannot delete what the second A committed.
     */
    @Test
    void theSameBytesUploadedAgainDuringACleanupKeepTheirTotals() throws Exception {
        String a = HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1\n";
        CurObject first = upload(a, "01");
        ingest(aws.s3, aws.dynamo).ingest(first);
        CurObject b = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,3\n", "02");
        AtomicBoolean raced = new AtomicBoolean();
        DynamoDbClient racing = intercept(DynamoDbClient.class, aws.dynamo, (name, args) -> {
            if (name.equals("batchWriteItem") && batchRequest(args).requestItems().values().iterator().next().get(0).deleteRequest() != null
                    && raced.compareAndSet(false, true)) {
                CurObject third = upload(a, "03");
                assertThat(third.etag()).isEqualTo(first.etag());
                assertThat(third.versionTag()).isNotEqualTo(first.versionTag());
                assertThat(ingest(aws.s3, aws.dynamo).ingest(third).status()).isEqualTo(CurIngest.Status.INGESTED);
            }
        });
        ingest(aws.s3, racing).ingest(b);
        assertThat(raced).isTrue();

        assertThat(pipeline.totals().day(DAY1)).as("the committed version is A: 1 in 1 line item")
                .containsEntry(new CostKey(DAY1, "111111111111", "AmazonEC2"), new CostTotal(new java.math.BigDecimal("1"), 1));
    }

    /**
     * A crash in the middle of moving the running totals (V1 has moved two of its groups, then dies): the object's
     * lease blocks other ingests until it ends, then the next ingest (here V2, a newer upload) takes over, finishes
     * V1's move without counting the two groups twice, and moves the totals on to V2.
     */
    @Test
    void aMoveCutShortIsFinishedOnceByTheNextIngestAfterTheLease() throws Exception {
        CurObject v1 = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1\n2024-01-01T00:00:00Z,111111111111,AmazonS3,2\n"
                + "2024-01-02T00:00:00Z,111111111111,AmazonEC2,4\n2024-01-02T00:00:00Z,222222222222,AmazonEC2,8\n", "01");
        java.util.concurrent.atomic.AtomicInteger moves = new java.util.concurrent.atomic.AtomicInteger();
        DynamoDbClient dying = intercept(DynamoDbClient.class, aws.dynamo, (name, args) -> {
            if (name.equals("updateItem") && updateRequest(args).updateExpression().contains(" ADD ") && moves.incrementAndGet() == 3) {
                throw new IllegalStateException("injected: the function died moving its third total");
            }
        });
        assertThatThrownBy(() -> ingest(aws.s3, dying, Clock.systemUTC()).ingest(v1)).hasMessageContaining("injected");
        // The moves run 4 at a time, so which of the other three finished before the crash varies: the move is
        // left partial (some of V1's four groups moved, not all), whichever they are.
        int moved = pipeline.totals().day(DAY1).size() + pipeline.totals().day(DAY2).size();
        assertThat(moved).as("groups of V1 moved before the crash").isBetween(1, 3);

        CurObject v2 = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,16\n", "02");
        Clock later = Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(11));
        assertThat(ingest(aws.s3, aws.dynamo, later).ingest(v2).status()).isEqualTo(CurIngest.Status.INGESTED);

        assertThat(pipeline.totals().day(DAY1)).as("V2 only: V1's moved groups counted once, then replaced")
                .containsOnly(Map.entry(new CostKey(DAY1, "111111111111", "AmazonEC2"), new CostTotal(new java.math.BigDecimal("16"), 1)));
        assertThat(pipeline.totals().day(DAY2)).isEmpty();
        assertNoMoveInProgress();
    }

    /**
     * A crash among the writes that move one wide item (150 services of one account on one day: three writes of 50,
     * one after the other, each with its own marker; the second dies): the takeover after the lease adds the two
     * thirds that were not written, and not the first again.
     */
    @Test
    void aMoveCutShortWithinOneItemCountsEachServiceOnce() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (int i = 0; i < 150; i++) {
            csv.append("2024-01-01T00:00:00Z,111111111111,Service").append(i).append(',').append(i + 1).append('\n');
            sum = sum.add(java.math.BigDecimal.valueOf(i + 1));
        }
        CurObject v1 = upload(csv.toString(), "01");
        java.util.concurrent.atomic.AtomicInteger adds = new java.util.concurrent.atomic.AtomicInteger();
        DynamoDbClient dying = intercept(DynamoDbClient.class, aws.dynamo, (name, args) -> {
            if (name.equals("updateItem") && updateRequest(args).updateExpression().contains(" ADD ") && adds.incrementAndGet() == 2) {
                throw new IllegalStateException("injected: the function died writing a third of the item");
            }
        });
        assertThatThrownBy(() -> ingest(aws.s3, dying, Clock.systemUTC()).ingest(v1)).hasMessageContaining("injected");
        assertThat(pipeline.totals().day(DAY1)).as("the first third of the services moved").hasSize(50);

        Clock later = Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(11));
        assertThat(ingest(aws.s3, aws.dynamo, later).ingest(v1).status()).isEqualTo(CurIngest.Status.INGESTED);
        java.util.Map<CostKey, CostTotal> day = pipeline.totals().day(DAY1);
        assertThat(day).hasSize(150);
        assertThat(day.values().stream().map(CostTotal::unblendedCost).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add))
                .as("each service counted once").isEqualByComparingTo(sum);
        assertThat(day.values()).allMatch(total -> total.lineItems() == 1);
        assertNoMoveInProgress();
    }

    /**
     * The move's last write fails: every total has moved, but closing the transition on the head fails (a timeout,
     * throttling, the function's time running out). The retry of the same record finds the transition still open and
     * takes it over once the lease ends: each item's marker already names V1, so nothing is added a second time.
     * (With the token set this replaced, cleared before the close, the takeover added the report again.)
     */
    @Test
    void aFailureClosingTheMoveIsFinishedByTheRetryWithoutCountingTwice() throws Exception {
        CurObject v1 = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1\n2024-01-02T00:00:00Z,222222222222,AmazonS3,2\n", "01");
        assertThatThrownBy(() -> ingest(aws.s3, failingTheClose(), Clock.systemUTC()).ingest(v1)).hasMessageContaining("injected");
        assertThat(pipeline.totals().day(DAY1)).as("moved before the failure")
                .containsOnly(Map.entry(new CostKey(DAY1, "111111111111", "AmazonEC2"), new CostTotal(new java.math.BigDecimal("1"), 1)));

        Clock later = Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(11));
        assertThat(ingest(aws.s3, aws.dynamo, later).ingest(v1).status()).isEqualTo(CurIngest.Status.INGESTED);

        assertThat(pipeline.totals().day(DAY1)).as("counted once after the takeover")
                .containsOnly(Map.entry(new CostKey(DAY1, "111111111111", "AmazonEC2"), new CostTotal(new java.math.BigDecimal("1"), 1)));
        assertThat(pipeline.totals().day(DAY2))
                .containsOnly(Map.entry(new CostKey(DAY2, "222222222222", "AmazonS3"), new CostTotal(new java.math.BigDecimal("2"), 1)));
        assertThat(aws.dynamo.getItem(g -> g.tableName(pipeline.table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("CUR#TOTAL#" + DAY1), "sk", AttributeValue.fromS("111111111111")))).item())
                .as("the total's marker of the object names the version moved in")
                .containsEntry("moved#" + v1.objectId() + "#0", AttributeValue.fromS(v1.versionTag()));
        assertNoMoveInProgress();
    }

    /**
     * The same failure, finished by the next ingest of the object (a newer upload) after the lease: it completes V1's
     * move (the markers skip every item) and moves the totals on to V2 exactly.
     */
    @Test
    void aFailureClosingTheMoveIsFinishedByTheNextVersionWithoutCountingTwice() throws Exception {
        CurObject v1 = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1\n2024-01-02T00:00:00Z,111111111111,AmazonEC2,4\n", "01");
        assertThatThrownBy(() -> ingest(aws.s3, failingTheClose(), Clock.systemUTC()).ingest(v1)).hasMessageContaining("injected");

        CurObject v2 = upload(HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,16\n2024-01-02T00:00:00Z,111111111111,AmazonEC2,32\n", "02");
        Clock later = Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(11));
        assertThat(ingest(aws.s3, aws.dynamo, later).ingest(v2).status()).isEqualTo(CurIngest.Status.INGESTED);

        assertThat(pipeline.totals().day(DAY1)).as("V2 only, V1 counted once and replaced")
                .containsOnly(Map.entry(new CostKey(DAY1, "111111111111", "AmazonEC2"), new CostTotal(new java.math.BigDecimal("16"), 1)));
        assertThat(pipeline.totals().day(DAY2))
                .containsOnly(Map.entry(new CostKey(DAY2, "111111111111", "AmazonEC2"), new CostTotal(new java.math.BigDecimal("32"), 1)));
        assertNoMoveInProgress();
    }

    /**
     * Reports under new keys each time (here 45 objects, one line each, all on one day and account) would pile up a
     * marker each on the item; the write that leaves it with more than 32 clears those of finished moves. One object's
     * move is left open (its close failed) before the others: its marker is kept through every cleanup, so when its
     * lease has ended its retry finishes it without adding it again, and every total stays exact.
     */
    @Test
    void markersOfFinishedMovesAreClearedAndTheOpenMovesMarkerIsKept() throws Exception {
        CurObject open = upload("cur/open.csv", HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2,1000\n", "01");
        assertThatThrownBy(() -> ingest(aws.s3, failingTheClose(), Clock.systemUTC()).ingest(open)).hasMessageContaining("injected");
        java.math.BigDecimal sum = new java.math.BigDecimal("1000");
        int most = 0;
        for (int i = 1; i <= 44; i++) {
            CurObject other = upload("cur/part-" + i + ".csv", HEADER + "2024-01-01T00:00:00Z,111111111111,AmazonEC2," + i + "\n", "01");
            assertThat(ingest(aws.s3, aws.dynamo).ingest(other).status()).isEqualTo(CurIngest.Status.INGESTED);
            sum = sum.add(java.math.BigDecimal.valueOf(i));
            most = Math.max(most, markers().size());
        }
        assertThat(most).as("markers on the item at most (32 kept, then cleared)").isLessThanOrEqualTo(33);
        assertThat(markers()).as("the open move's marker survived every cleanup")
                .containsEntry("moved#" + open.objectId() + "#0", open.versionTag()).hasSizeLessThan(33);

        Clock later = Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(11));
        assertThat(ingest(aws.s3, aws.dynamo, later).ingest(open).status()).isEqualTo(CurIngest.Status.INGESTED);
        assertThat(pipeline.totals().day(DAY1)).as("45 objects, each counted once")
                .containsOnly(Map.entry(new CostKey(DAY1, "111111111111", "AmazonEC2"), new CostTotal(sum, 45)));
        assertNoMoveInProgress();
    }

    /** The markers on the running-total item of DAY1 and account 111111111111, by attribute. */
    private Map<String, String> markers() {
        Map<String, String> markers = new java.util.TreeMap<>();
        aws.dynamo.getItem(g -> g.tableName(pipeline.table).consistentRead(true).key(Map.of(
                        "pk", AttributeValue.fromS("CUR#TOTAL#" + DAY1), "sk", AttributeValue.fromS("111111111111"))))
                .item().forEach((name, value) -> {
                    if (name.startsWith("moved#")) {
                        markers.put(name, value.s());
                    }
                });
        return markers;
    }

    /** The real table, except that closing a transition on a head fails. */
    private DynamoDbClient failingTheClose() {
        return intercept(DynamoDbClient.class, aws.dynamo, (name, args) -> {
            if (name.equals("updateItem") && updateRequest(args).updateExpression().startsWith("REMOVE #transition")) {
                throw new IllegalStateException("injected: closing the transition failed");
            }
        });
    }

    // ---- helpers ----

    /** No transition or lease on any head: every move that started was finished. */
    private void assertNoMoveInProgress() {
        assertThat(aws.dynamo.scan(b -> b.tableName(pipeline.table)).items()).as("no move left in progress")
                .noneMatch(item -> item.containsKey("transition") || item.containsKey("leaseOwner"));
    }

    private CurIngest ingest(S3Client s3, DynamoDbClient dynamo) {
        return ingest(s3, dynamo, Clock.systemUTC());
    }

    private CurIngest ingest(S3Client s3, DynamoDbClient dynamo, Clock clock) {
        return new CurIngest(pipeline.settings(), s3, dynamo, new Notifier(aws.sns, pipeline.topicArn, "dev"), clock);
    }

    private static software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest updateRequest(Object[] args) {
        return request(args, software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.class,
                software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.builder(),
                software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest.Builder::build);
    }

    /** Uploads the text to KEY and returns the version an event would name, with the given S3 sequencer. */
    private CurObject upload(String text, String sequencer) {
        return upload(KEY, text, sequencer);
    }

    private CurObject upload(String key, String text, String sequencer) {
        pipeline.upload(key, text.getBytes(StandardCharsets.UTF_8));
        var head = aws.s3.headObject(h -> h.bucket(pipeline.ingestBucket).key(key));
        return new CurObject(pipeline.ingestBucket, key, Optional.empty(), head.eTag().replace("\"", ""),
                "0".repeat(30) + sequencer);
    }

    private Optional<String> curated(LocalDate day, CurObject object) {
        try {
            return Optional.of(aws.s3.getObjectAsBytes(g -> g.bucket(pipeline.curatedBucket)
                    .key(CuratedCopy.key(day, object))).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Every curated object of the day, as text. */
    private List<String> curatedDay(LocalDate day) {
        String prefix = String.format("curated/provider=aws/year=%04d/month=%02d/day=%02d/", day.getYear(),
                day.getMonthValue(), day.getDayOfMonth());
        return aws.s3.listObjectsV2(l -> l.bucket(pipeline.curatedBucket).prefix(prefix)).contents().stream()
                .map(o -> aws.s3.getObjectAsBytes(g -> g.bucket(pipeline.curatedBucket).key(o.key())).asUtf8String())
                .toList();
    }

    /** How many contribution items the day's partition holds, whatever their version. */
    private int contributionsOn(LocalDate day) {
        return aws.dynamo.query(q -> q.tableName(pipeline.table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CUR#DAY#" + day)))).count();
    }

    private static PutObjectRequest putRequest(Object[] args) {
        return request(args, PutObjectRequest.class, PutObjectRequest.builder(), PutObjectRequest.Builder::build);
    }

    private static BatchWriteItemRequest batchRequest(Object[] args) {
        return request(args, BatchWriteItemRequest.class, BatchWriteItemRequest.builder(), BatchWriteItemRequest.Builder::build);
    }

    /** The request an SDK call was given, whether as the request itself or as a builder consumer. */
    @SuppressWarnings("unchecked")
    private static <R, B> R request(Object[] args, Class<R> type, B builder, java.util.function.Function<B, R> build) {
        if (type.isInstance(args[0])) {
            return type.cast(args[0]);
        }
        ((java.util.function.Consumer<B>) args[0]).accept(builder);
        return build.apply(builder);
    }

    interface Before {
        void call(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T intercept(Class<T> type, T real, Before before) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (args != null && args.length >= 1) {
                before.call(method.getName(), args);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
