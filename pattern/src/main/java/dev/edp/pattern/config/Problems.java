package dev.edp.pattern.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems as {@code <path>: <message>}, to report them all at once. */
public final class Problems {

    private final List<String> list = new ArrayList<>();

    public void add(String path, String message) {
        list.add(path + ": " + message);
    }

    public void check(boolean ok, String path, String message) {
        if (!ok) {
            add(path, message);
        }
    }

    public void range(int value, int min, int max, String path) {
        check(value >= min && value <= max, path, "must be between " + min + " and " + max + " (got " + value + ")");
    }

    /** The layer's value, when the user wrote one, must be in range. */
    public void range(java.util.Optional<Integer> value, int min, int max, String path) {
        value.ifPresent(v -> range(v, min, max, path));
    }

    public List<String> all() {
        return List.copyOf(list);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Throws {@link InvalidConfigException} when anything was found. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidConfigException(list);
        }
    }
}
