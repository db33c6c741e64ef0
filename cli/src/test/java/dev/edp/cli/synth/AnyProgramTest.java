package dev.edp.cli.synth;

import dev.edp.cli.CliRun;
import dev.edp.sandbox.program.StackProgram;
import dev.edp.testing.AwsMocks;
import dev.edp.testing.GraphResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Pulumi Java program of someone else's that uses the component, as its project builds it (its jar with a
 * Main-Class, its Pulumi.yaml and stack file): {@code ./edp synth} runs it under the mock engine with that
 * program's own stack config, not the repository's stack program.
 */
class AnyProgramTest {

    private static final String PROGRAM = """
            package com.acme.orders;

            import com.pulumi.Context;
            import com.pulumi.Pulumi;
            import dev.edp.pattern.EventDrivenPattern;
            import dev.edp.pattern.EventDrivenPatternArgs;
            import com.pulumi.asset.FileArchive;
            import dev.edp.pattern.inputs.ConsumerArgs;
            import dev.edp.pattern.inputs.FunctionArgs;

            public final class OrdersProgram {
                public static void main(String[] args) {
                    Pulumi.run(OrdersProgram::define);
                }

                static void define(Context ctx) {
                    var config = ctx.config("acme");
                    var edp = new EventDrivenPattern("acme", EventDrivenPatternArgs.builder()
                            .environment(config.get("environment").orElse("dev"))
                            .functionDefaults(FunctionArgs.builder()
                                    .code(new FileArchive("handlers/target/acme-handlers.jar")).build())
                            .consumers(ConsumerArgs.builder().name("invoicing")
                                    .eventPattern("{\\"source\\":[\\"acme.orders\\"]}")
                                    .function(FunctionArgs.builder()
                                            .handler("com.acme.orders.InvoiceHandler::handleRequest").build())
                                    .grants("table:write").build())
                            .build(), null);
                    ctx.export("busName", edp.busName());
                    ctx.export("queueUrls", edp.queueUrls());
                }
            }
            """;

    /** The project as its team has it: sources built into target/acme-orders.jar, Pulumi.yaml running that jar. */
    static Path project(Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("src/com/acme/orders")).resolve("OrdersProgram.java");
        Files.writeString(source, PROGRAM);
        Path classes = Files.createDirectories(dir.resolve("target/classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), source.toString());
        assertThat(compiled).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "com.acme.orders.OrdersProgram");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("target/acme-orders.jar")), manifest)) {
            jar.putNextEntry(new JarEntry("com/acme/orders/OrdersProgram.class"));
            jar.write(Files.readAllBytes(classes.resolve("com/acme/orders/OrdersProgram.class")));
            jar.closeEntry();
        }
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: acme-orders\nruntime:\n  name: java\n  options:\n"
                + "    binary: target/acme-orders.jar\n");
        Files.writeString(dir.resolve("Pulumi.staging.yaml"), "config:\n  aws:region: us-east-1\n"
                + "  acme:environment: staging\n");
        return dir;
    }

    @Test
    void theProgramInItsJarRunsWithItsOwnStackConfig(@TempDir Path dir) throws Exception {
        Path project = project(dir);
        StackProgram program = ProgramOptions.resolve(project, "staging", Optional.empty(), Optional.empty());
        assertThat(program.description()).startsWith("com.acme.orders.OrdersProgram::define");

        Synth.Result result = Synth.run(program, new AwsMocks());

        assertThat(result.run().failure()).isNull();
        GraphResource function = result.graph().ofType("aws:lambda/function:Function").stream()
                .filter(f -> "com.acme.orders.InvoiceHandler::handleRequest".equals(f.string("handler")))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) function.input("environment"))
                .get("variables");
        assertThat(variables).containsEntry("EDP_ENVIRONMENT", "staging").containsEntry("EDP_CONSUMER", "invoicing");
        assertThat(result.run().exports()).containsKeys("busName", "queueUrls");
    }

    @Test
    void synthWritesTheProgramsGraphDiagramAndCost(@TempDir Path dir) throws Exception {
        Path project = project(dir.resolve("acme"));
        Path out = dir.resolve("out");
        CliRun.Outcome outcome = CliRun.edp("synth", "--stack", "staging", "--project-dir", project.toString(),
                "--out", out.toString());
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(Files.readString(out.resolve("graph.json"))).contains("com.acme.orders.InvoiceHandler::handleRequest");
        assertThat(out.resolve("cost.md")).exists();
        assertThat(out.resolve("architecture.mmd")).exists();
    }

    @Test
    void aProjectWhoseJarIsNotBuiltIsToldToBuildIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: x\nruntime:\n  name: java\n  options:\n    binary: target/x.jar\n");
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), "config: {}\n");
        CliRun.assertRefused(CliRun.edp("synth", "--stack", "dev", "--project-dir", dir.toString(), "--out",
                dir.resolve("out").toString()), "the program's jar does not exist: build the project first");
    }
}
