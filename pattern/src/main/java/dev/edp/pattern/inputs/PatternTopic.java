package dev.edp.pattern.inputs;

import java.util.Locale;

/** Which of the pattern's own SNS topics a subscription is to. */
public enum PatternTopic implements ClosedSet {
    /** Success, error, anomaly and approval-request messages. */
    NOTIFICATIONS,
    /** Every alarm's ALARM and OK transitions. */
    ALARMS;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
