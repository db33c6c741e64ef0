package dev.edp.pattern.config;

import java.util.List;

/** The configuration is wrong; {@link #problems()} lists every problem found, each naming its field. */
public final class InvalidConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("invalid EventDrivenPattern configuration (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
