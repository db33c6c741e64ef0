package dev.edp.pattern.consumers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The rule through which {@code ./edp replay --pattern} delivers archived events to one consumer's queue.
 *
 * <p>An EventBridge replay cannot filter events by pattern, only by destination rule. To replay only the events
 * matching an operator's pattern, the replay command creates this rule for the time of the replay (its pattern: the
 * consumer's own pattern AND the operator's AND this replay's name, so live events never match it), replays to it
 * alone, then deletes it. The consumer's queue policy (and DLQ policy) admit this one rule ARN besides the
 * consumer's own rule, so the pattern never needs a wildcard. Its name is a function of the consumer rule's name,
 * which both the pattern (at deploy time) and the command (from the deployed rule) know; it stays far below
 * EventBridge's 64-character limit whatever the consumer rule is called.
 */
public final class ReplayRoute {

    /** Every replay rule's name starts with this. */
    public static final String PREFIX = "edp-replay-";

    private ReplayRoute() {
    }

    /** The replay rule's name for the consumer rule named {@code consumerRuleName}. */
    public static String ruleName(String consumerRuleName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(consumerRuleName.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }

    /**
     * The replay rule's ARN from the consumer rule's ARN ({@code arn:...:rule/<bus>/<name>}): same partition,
     * region, account and bus.
     */
    public static String ruleArn(String consumerRuleArn) {
        int slash = consumerRuleArn.lastIndexOf('/');
        if (slash < 0 || !consumerRuleArn.contains(":rule/")) {
            throw new IllegalArgumentException("not an EventBridge rule ARN: " + consumerRuleArn);
        }
        return consumerRuleArn.substring(0, slash + 1) + ruleName(consumerRuleArn.substring(slash + 1));
    }
}
