package dev.edp.cli.cost;

import java.util.Locale;

/** The three columns of seed 004's cost table. */
public enum Scenario {
    MINIMUM, TYPICAL, MAXIMUM;

    /** {@code minimum}: the key in a volumes file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code Minimum}: the column heading. */
    public String heading() {
        return name().charAt(0) + key().substring(1);
    }
}
