package dev.edp.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * The javadoc of the pattern's classes, as the build recorded it (tools/javadoc-index writes
 * {@value #RESOURCE} into edp-pattern's jar): reflection cannot read javadoc, and the schema's descriptions must be
 * the Args javadoc, not a second copy kept by hand.
 */
final class JavadocIndex {

    static final String RESOURCE = "META-INF/edp/javadoc.properties";

    private final Properties docs;

    private JavadocIndex(Properties docs) {
        this.docs = docs;
    }

    /** The index in the jar that holds {@code anchor}; fails when the jar was built without it. */
    static JavadocIndex of(Class<?> anchor) {
        Properties docs = new Properties();
        try (InputStream in = anchor.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + anchor.getName()
                        + ": build edp-pattern with its annotation processor (mvn package)");
            }
            docs.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new JavadocIndex(docs);
    }

    Optional<String> ofClass(Class<?> type) {
        return Optional.ofNullable(docs.getProperty(type.getName()));
    }

    Optional<String> ofMember(Class<?> type, String member) {
        return Optional.ofNullable(docs.getProperty(type.getName() + "#" + member));
    }
}
