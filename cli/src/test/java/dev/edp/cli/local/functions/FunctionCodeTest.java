package dev.edp.cli.local.functions;

import dev.edp.cli.local.LocalContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A handler of your own, in the code archive the function deploys, runs in the sandbox. */
class FunctionCodeTest {

    private static final String SOURCE = """
            package com.example.billing;

            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;

            public final class InvoiceHandler implements RequestHandler<Map<String, Object>, String> {
                private final String table;

                public InvoiceHandler(Map<String, String> environment) {
                    this.table = environment.get("EDP_TABLE_NAME");
                }

                @Override
                public String handleRequest(Map<String, Object> input, Context context) {
                    return input.get("invoice_id") + " recorded in " + table;
                }
            }
            """;

    @Test
    void aHandlerInTheFunctionsJarIsLoadedFromIt(@TempDir Path project) throws Exception {
        Path sources = Files.createDirectories(project.resolve("src/com/example/billing"));
        Files.writeString(sources.resolve("InvoiceHandler.java"), SOURCE);
        Path classes = Files.createDirectories(project.resolve("classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), sources.resolve("InvoiceHandler.java").toString());
        assertThat(compiled).isZero();
        Path jar = project.resolve("build/billing-runtime.jar");
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("com/example/billing/InvoiceHandler.class"));
            out.write(Files.readAllBytes(classes.resolve("com/example/billing/InvoiceHandler.class")));
            out.closeEntry();
        }
        HandlerReference handler = HandlerReference.parse("com.example.billing.InvoiceHandler::handleRequest");
        assertThat(handler.isOnClassPath()).isFalse();

        ClassLoader code = new FunctionCode(project).loaderFor(Map.of("path", "build/billing-runtime.jar"));
        assertThat(handler.loadableFrom(code)).isTrue();
        HandlerInstance instance = HandlerInstance.create(handler, Map.of("EDP_TABLE_NAME", "edp-table-1"), code);
        assertThat(instance.call(Map.of("invoice_id", "INV-7"), new LocalContext("billing", 512, 1000)))
                .isEqualTo("INV-7 recorded in edp-table-1");
    }

    @Test
    void aMissingArchiveFallsBackToTheClassPath(@TempDir Path project) {
        assertThat(new FunctionCode(project).loaderFor(Map.of("path", "runtime/target/none.jar")))
                .isSameAs(FunctionCode.class.getClassLoader());
        assertThat(new FunctionCode(project).loaderFor(Map.of())).isSameAs(FunctionCode.class.getClassLoader());
    }
}
