package dev.edp.pattern.inputs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an Args field (a {@code String}, or a list of them) whose value is one of the ids of a {@link ClosedSet}
 * enum. The provider's package schema reads it: the field becomes that enum in every language's SDK.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OneOf {

    /** The set. */
    Class<? extends ClosedSet> value();

    /** The enum's name in the schema; empty: the enum's simple name. */
    String schemaName() default "";

    /**
     * True when the set is only part of what the field accepts (a grant is one of the fixed grants or a
     * parameterized form such as {@code bucket:<name>:read}): the schema then offers the enum or any string, and the
     * field's description states the grammar of the rest.
     */
    boolean open() default false;
}
