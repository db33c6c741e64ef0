package dev.edp.sandbox.functions;

import dev.edp.sandbox.functions.LocalContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Compiles the handler above into {@code build/billing-runtime.jar} under {@code project}. */
    private static void buildHandlerJar(Path project) throws Exception {
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
    }

    private static final HandlerReference HANDLER = HandlerReference.parse("com.example.billing.InvoiceHandler::handleRequest");

    @Test
    void aHandlerInTheFunctionsJarIsLoadedFromIt(@TempDir Path project) throws Exception {
        buildHandlerJar(project);
        assertThat(HANDLER.isOnClassPath()).isFalse();

        ClassLoader code = new FunctionCode(project).load("billing", Map.of("path", "build/billing-runtime.jar"))
                .loader().orElseThrow();
        assertThat(HANDLER.loadableFrom(code)).isTrue();
        HandlerInstance instance = HandlerInstance.create(HANDLER, Map.of("EDP_TABLE_NAME", "edp-table-1"), code);
        assertThat(instance.call(Map.of("invoice_id", "INV-7"), new LocalContext("billing", 512, 1000)))
                .isEqualTo("INV-7 recorded in edp-table-1");
    }

    /** Under the mock engine the deploy sees the program's own FileArchive object, not its wire form. */
    @Test
    void theFileArchiveTheProgramGivesIsRead(@TempDir Path project) throws Exception {
        buildHandlerJar(project);
        FunctionCode.Loaded loaded = new FunctionCode(project).load("billing",
                new com.pulumi.asset.FileArchive("build/billing-runtime.jar"));
        assertThat(loaded.source()).isEqualTo("build/billing-runtime.jar");
        assertThat(HANDLER.loadableFrom(loaded.loader().orElseThrow())).isTrue();
    }

    /** As on Lambda: the function sees its own code and Lambda's interfaces, not the sandbox's libraries. */
    @Test
    void eachFunctionHasALoaderOfItsOwnThatSeesOnlyItsCode(@TempDir Path project) throws Exception {
        buildHandlerJar(project);
        FunctionCode code = new FunctionCode(project);
        ClassLoader billing = code.load("billing", Map.of("path", "build/billing-runtime.jar")).loader().orElseThrow();
        ClassLoader other = code.load("other", Map.of("path", "build/billing-runtime.jar")).loader().orElseThrow();

        assertThat(billing).isNotSameAs(other);
        assertThat(Class.forName(HANDLER.className(), false, billing))
                .isNotSameAs(Class.forName(HANDLER.className(), false, other));
        assertThat(Class.forName("com.amazonaws.services.lambda.runtime.Context", false, billing))
                .isSameAs(com.amazonaws.services.lambda.runtime.Context.class);
        for (String sandboxOnly : new String[]{"com.fasterxml.jackson.databind.ObjectMapper",
                "software.amazon.awssdk.services.sqs.SqsClient", "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                FunctionCode.class.getName()}) {
            assertThatThrownBy(() -> Class.forName(sandboxOnly, false, billing)).as(sandboxOnly)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void aMissingArchiveIsNamedNotReplacedByTheSandboxsClassPath(@TempDir Path project) {
        FunctionCode.Loaded missing = new FunctionCode(project).load("f", Map.of("path", "runtime/target/none.jar"));
        assertThat(missing.loader()).isEmpty();
        assertThat(missing.source()).contains("runtime/target/none.jar").contains("does not exist");
        assertThat(new FunctionCode(project).load("f", Map.of()).loader()).isEmpty();
    }
}
