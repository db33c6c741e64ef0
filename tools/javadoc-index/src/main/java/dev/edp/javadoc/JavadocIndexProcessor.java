package dev.edp.javadoc;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records the javadoc of every class the compiler compiles, and of its fields, methods and nested classes, in
 * {@value #RESOURCE} (UTF-8, one {@code key=text} a line, sorted). Keys are {@code <binary class name>} for a class
 * and {@code <binary class name>#<member name>} for a member (overloads share one key: the first documented wins).
 *
 * <p>Why: Pulumi's {@code ComponentAnalyzer} infers a package schema from the component's Args classes by
 * reflection, and reflection cannot see javadoc. With this index the provider serves the Args javadoc as the
 * schema's descriptions, so the one text a Java user reads is the one every other language's SDK shows.
 */
@SupportedAnnotationTypes("*")
public final class JavadocIndexProcessor extends AbstractProcessor {

    /** Where the index is written, relative to the class output directory. */
    public static final String RESOURCE = "META-INF/edp/javadoc.properties";

    private final Map<String, String> docs = new TreeMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(java.util.Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement type) {
                record(type);
            }
        }
        if (round.processingOver()) {
            write();
        }
        return false;
    }

    private void record(TypeElement type) {
        String owner = processingEnv.getElementUtils().getBinaryName(type).toString();
        put(owner, type);
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement nested) {
                record(nested);
            } else if (member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.METHOD
                    || member.getKind() == ElementKind.ENUM_CONSTANT) {
                put(owner + "#" + member.getSimpleName(), member);
            }
        }
    }

    private void put(String key, Element element) {
        String doc = processingEnv.getElementUtils().getDocComment(element);
        if (doc != null && !doc.isBlank()) {
            docs.putIfAbsent(key, Javadoc.toPlainText(doc));
        }
    }

    private void write() {
        try {
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", RESOURCE);
            try (Writer out = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> e : docs.entrySet()) {
                    out.write(Javadoc.escape(e.getKey()) + "=" + Javadoc.escape(e.getValue()) + "\n");
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + RESOURCE + ": " + e);
        }
    }
}
