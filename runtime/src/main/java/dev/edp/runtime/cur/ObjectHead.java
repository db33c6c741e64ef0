package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The committed version of one report object: only contributions of this version count in totals.
 *
 * @param objectId   the object's id
 * @param versionTag the committed version's tag
 * @param sequencer  the committed version's padded S3 sequencer
 * @param days       the usage days the committed version has totals for
 * @param notified   whether the success notification of this version was published
 * @param committedAt when this version was committed (with the tag, what a commit's condition compares)
 * @param replaced   versions this one (or a version it replaced) replaced whose curated copies and contributions
 *                   are not yet cleaned up; emptied once they are, so a crash in between leaves the work on record
 * @param transition the move of the running totals from the replaced version to this one, while it is not finished
 *                   ({@link RunningTotals}); absent once the totals are this version's
 * @param leaseOwner who may move the totals now (one ingest attempt), with {@code leaseUntil}; empty when no one
 * @param leaseUntil until when, in epoch milliseconds, the owner may write; after it, another ingest may take over
 */
public record ObjectHead(String objectId, String versionTag, String sequencer, List<LocalDate> days, boolean notified,
                         String committedAt, List<Replaced> replaced, java.util.Optional<Transition> transition,
                         String leaseOwner, long leaseUntil) {

    /**
     * The running totals are being moved from version {@code from} (empty: none, a new object) to {@code to}; each
     * with the days it has totals on, which is where its contributions are.
     */
    public record Transition(String from, List<LocalDate> fromDays, String to, List<LocalDate> toDays) {

        AttributeValue toAttribute() {
            return AttributeValue.fromM(Map.of("from", AttributeValue.fromS(from), "fromDays", ObjectHead.days(fromDays),
                    "to", AttributeValue.fromS(to), "toDays", ObjectHead.days(toDays)));
        }

        static Transition from(AttributeValue value) {
            Map<String, AttributeValue> m = value.m();
            return new Transition(m.get("from").s(), ObjectHead.days(m.get("fromDays")), m.get("to").s(),
                    ObjectHead.days(m.get("toDays")));
        }

    }

    /** True when an ingest holds the lease at {@code now}. */
    boolean leased(long now) {
        return !leaseOwner.isEmpty() && leaseUntil > now;
    }

    /** A replaced version still to clean up: its tag and the days it had. */
    public record Replaced(String versionTag, List<LocalDate> days) {

        AttributeValue toAttribute() {
            return AttributeValue.fromM(Map.of("versionTag", AttributeValue.fromS(versionTag),
                    "days", ObjectHead.days(days)));
        }

        static Replaced from(AttributeValue value) {
            return new Replaced(value.m().get("versionTag").s(), ObjectHead.days(value.m().get("days")));
        }
    }

    static ObjectHead from(Map<String, AttributeValue> item) {
        return new ObjectHead(
                item.get("objectId").s(),
                item.get("versionTag").s(),
                item.get("sequencer").s(),
                days(item.get("days")),
                item.containsKey("notified") && Boolean.TRUE.equals(item.get("notified").bool()),
                item.containsKey("committedAt") ? item.get("committedAt").s() : "",
                item.containsKey("replaced") ? item.get("replaced").l().stream().map(Replaced::from).toList() : List.of(),
                java.util.Optional.ofNullable(item.get("transition")).map(Transition::from),
                item.containsKey("leaseOwner") ? item.get("leaseOwner").s() : "",
                item.containsKey("leaseUntil") ? Long.parseLong(item.get("leaseUntil").n()) : 0L);
    }

    /**
     * What a commit of {@code object} over this head leaves to clean up: this head's own list, plus this head's
     * version unless it is the one being committed again (a retry).
     */
    List<Replaced> replacedBy(CurObject object) {
        return versionTag.equals(object.versionTag()) ? replaced
                : Stream.concat(replaced.stream(), Stream.of(new Replaced(versionTag, days))).toList();
    }

    static AttributeValue days(java.util.Collection<LocalDate> days) {
        return AttributeValue.fromL(days.stream().map(day -> AttributeValue.fromS(day.toString())).toList());
    }

    static List<LocalDate> days(AttributeValue days) {
        return days.l().stream().map(day -> LocalDate.parse(day.s())).toList();
    }

    /** True when this head's version came after {@code object}'s in S3's order, so {@code object} is stale. */
    boolean isNewerThan(CurObject object) {
        return !versionTag.equals(object.versionTag()) && sequencer.compareTo(object.sequencer()) > 0;
    }
}
