package dev.edp.runtime.cur;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The CUR items' keys in the pattern's single table ({@code pk}, {@code sk}, both strings). Spelled out in
 * runtime/README.md, "DynamoDB items".
 *
 * <ul>
 *   <li>Object head, the commit marker of the version of a report whose totals count:
 *       {@code pk = CUR#OBJECT#<objectId>}, {@code sk = HEAD}.</li>
 *   <li>Contribution of one version of one report to one (day, account, service):
 *       {@code pk = CUR#DAY#<yyyy-MM-dd>}, {@code sk = OBJECT#<objectId>#<versionTag>#<account>#<service>}.</li>
 * </ul>
 * Account and service are URL-encoded in the sort key, so a {@code #} inside them cannot make two groups collide.
 */
final class LedgerKeys {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String HEAD = "HEAD";

    private LedgerKeys() {
    }

    static String headPk(String objectId) {
        return "CUR#OBJECT#" + objectId;
    }

    static String dayPk(LocalDate day) {
        return "CUR#DAY#" + day;
    }

    /** The prefix of every contribution of one version of one object (within a day's partition). */
    static String versionPrefix(String objectId, String versionTag) {
        return "OBJECT#" + objectId + "#" + versionTag + "#";
    }

    static String contributionSk(String objectId, String versionTag, String accountId, String service) {
        return versionPrefix(objectId, versionTag) + encode(accountId) + "#" + encode(service);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
