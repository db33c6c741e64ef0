package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The committed version of one report object: only contributions of this version count in totals.
 *
 * @param objectId   the object's id
 * @param versionTag the committed version's tag
 * @param sequencer  the committed version's padded S3 sequencer
 * @param days       the usage days the committed version has totals for
 * @param notified   whether the success notification of this version was published
 */
public record ObjectHead(String objectId, String versionTag, String sequencer, List<LocalDate> days, boolean notified) {

    static ObjectHead from(Map<String, AttributeValue> item) {
        return new ObjectHead(
                item.get("objectId").s(),
                item.get("versionTag").s(),
                item.get("sequencer").s(),
                item.get("days").l().stream().map(day -> LocalDate.parse(day.s())).toList(),
                item.containsKey("notified") && Boolean.TRUE.equals(item.get("notified").bool()));
    }

    /** True when this head's version came after {@code object}'s in S3's order, so {@code object} is stale. */
    boolean isNewerThan(CurObject object) {
        return !versionTag.equals(object.versionTag()) && sequencer.compareTo(object.sequencer()) > 0;
    }
}
