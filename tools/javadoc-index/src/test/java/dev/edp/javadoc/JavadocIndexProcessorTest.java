package dev.edp.javadoc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiles a small source with the processor, as Maven does for pattern/, and reads the index it wrote. */
class JavadocIndexProcessorTest {

    @Test
    void indexesClassesFieldsMethodsAndNestedClasses(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("src/demo/QueueArgs.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package demo;
                /** Settings of one queue. */
                public final class QueueArgs {
                    /** Receives before the DLQ; at least {@code 1}. */
                    private Integer maxReceiveCount;
                    private String undocumented;
                    /** The queue's {@code maxReceiveCount}. */
                    public Integer maxReceiveCount() { return maxReceiveCount; }
                    /** Builds one. */
                    public static final class Builder {
                        /** Sets it. */
                        public Builder maxReceiveCount(Integer value) { return this; }
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var task = javac.getTask(null, null, null, List.of("-d", classes.toString(), "-proc:only"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source));
        task.setProcessors(List.of(new JavadocIndexProcessor()));
        assertThat(task.call()).isTrue();

        Properties index = new Properties();
        try (Reader in = Files.newBufferedReader(classes.resolve(JavadocIndexProcessor.RESOURCE))) {
            index.load(in);
        }
        assertThat(index.getProperty("demo.QueueArgs")).isEqualTo("Settings of one queue.");
        assertThat(index.getProperty("demo.QueueArgs#maxReceiveCount")).isEqualTo("Receives before the DLQ; at least 1.");
        assertThat(index.getProperty("demo.QueueArgs$Builder#maxReceiveCount")).isEqualTo("Sets it.");
        assertThat(index).doesNotContainKey("demo.QueueArgs#undocumented");
    }
}
