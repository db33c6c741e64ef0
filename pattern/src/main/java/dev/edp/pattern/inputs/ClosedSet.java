package dev.edp.pattern.inputs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A value that is one of a set the pattern knows in full (a subscription's protocol, a function's architecture...),
 * as a Java enum: the one definition of the set. The Args keep such a field as its {@link #id()} (the word a stack's
 * config and every other language's SDK send), the builders take the enum too, the validation parses with
 * {@link #parse}, and the provider's schema lists the enum's ids as a schema enum (the field is marked
 * {@link OneOf}).
 */
public interface ClosedSet {

    /** The value as config, the Args and AWS spell it; by default the constant's name ({@code KEYS_ONLY}). */
    default String id() {
        return ((Enum<?>) this).name();
    }

    /** The constant whose id is {@code id}, exactly. */
    static <E extends Enum<E> & ClosedSet> Optional<E> parse(Class<E> set, String id) {
        return Arrays.stream(set.getEnumConstants()).filter(e -> e.id().equals(id)).findFirst();
    }

    /** Every id, in declaration order. */
    static List<String> ids(Class<? extends ClosedSet> set) {
        return Arrays.stream(set.getEnumConstants()).map(ClosedSet::id).toList();
    }

    /** The ids of the values given (the builders' enum overloads of a list). */
    static List<String> ids(ClosedSet... values) {
        return Arrays.stream(values).map(ClosedSet::id).toList();
    }

    /** The ids for an error message: {@code a, b or c}. */
    static String describe(Class<? extends ClosedSet> set) {
        List<String> ids = ids(set);
        return ids.size() == 1 ? ids.get(0) : ids.subList(0, ids.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + ids.get(ids.size() - 1);
    }

    /** The id, or null for null (the builders' enum overloads). */
    static String idOf(ClosedSet value) {
        return value == null ? null : value.id();
    }
}
