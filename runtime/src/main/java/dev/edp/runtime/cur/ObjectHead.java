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
 */
public record ObjectHead(String objectId, String versionTag, String sequencer, List<LocalDate> days, boolean notified,
                         String committedAt, List<Replaced> replaced) {

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
                item.containsKey("replaced") ? item.get("replaced").l().stream().map(Replaced::from).toList() : List.of());
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

    private static List<LocalDate> days(AttributeValue days) {
        return days.l().stream().map(day -> LocalDate.parse(day.s())).toList();
    }

    /** True when this head's version came after {@code object}'s in S3's order, so {@code object} is stale. */
    boolean isNewerThan(CurObject object) {
        return !versionTag.equals(object.versionTag()) && sequencer.compareTo(object.sequencer()) > 0;
    }
}
