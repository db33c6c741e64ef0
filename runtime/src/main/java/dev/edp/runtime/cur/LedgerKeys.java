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
 *   <li>Running totals of one (day, account) over the applied version of every object, one pair of attributes
 *       per service ({@link TotalItem}): {@code pk = CUR#TOTAL#<yyyy-MM-dd>}, {@code sk = <account>}.</li>
 * </ul>
 * Account and service are URL-encoded in the sort key, so a {@code #} inside them cannot make two groups collide.
 */
final class LedgerKeys {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String HEAD = "HEAD";
    /** DynamoDB refuses a sort key longer than this many UTF-8 bytes. */
    static final int MAX_SK_BYTES = 1024;
    /** The lengths of {@link CurObject#objectId()} and {@link CurObject#versionTag()}, the same for every object. */
    private static final int OBJECT_ID_CHARS = 32;
    private static final int VERSION_TAG_CHARS = 16;

    private LedgerKeys() {
    }

    static String headPk(String objectId) {
        return "CUR#OBJECT#" + objectId;
    }

    static String dayPk(LocalDate day) {
        return "CUR#DAY#" + day;
    }

    static String totalPk(LocalDate day) {
        return "CUR#TOTAL#" + day;
    }

    static String totalSk(String accountId) {
        return encode(accountId);
    }

    /** The prefix of every contribution of one version of one object (within a day's partition). */
    static String versionPrefix(String objectId, String versionTag) {
        return "OBJECT#" + objectId + "#" + versionTag + "#";
    }

    static String contributionSk(String objectId, String versionTag, String accountId, String service) {
        return versionPrefix(objectId, versionTag) + encode(accountId) + "#" + encode(service);
    }

    /**
     * The UTF-8 length of the contribution sort key of {@code accountId} and {@code service}, whatever the object
     * and version (their parts have fixed lengths). URL-encoding leaves only ASCII: one byte per character.
     */
    static int contributionSkBytes(String accountId, String service) {
        // Counted rather than built: the parser asks once per new group, thousands of times per report.
        return "OBJECT#".length() + OBJECT_ID_CHARS + 1 + VERSION_TAG_CHARS + 1 + encodedLength(accountId) + 1
                + encodedLength(service);
    }

    /** {@code encode(part).length()}: letters, digits and {@code .-*_} stay, a space becomes +, other bytes %XX. */
    private static int encodedLength(String part) {
        int length = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < 0x80) {
                length += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '-' || c == '*' || c == '_' || c == ' ' ? 1 : 3;
            } else {
                return encode(part).length(); // the rare name with non-ASCII text: URLEncoder counts its UTF-8
            }
        }
        return length;
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
