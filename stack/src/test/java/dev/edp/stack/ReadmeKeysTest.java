package dev.edp.stack;

import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.reference.SeedApplicationArgs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration tables name every key the stack program binds: they cannot drift from the Args. */
class ReadmeKeysTest {

    /** Objects whose fields the README lists as edp:<key>.<field>. */
    private static final Set<String> DOTTED = Set.of("key", "bus", "table", "audit", "alarms", "accessLogs",
            "workflow", "curIngest");

    private static String readme() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("README.md")) || !Files.isRegularFile(dir.resolve("Pulumi.yaml"))) {
            dir = dir.getParent();
        }
        return Files.readString(dir.resolve("README.md"));
    }

    @Test
    void everyTopLevelKeyAndEveryFieldOfTheObjectKeysIsInTheTables() throws IOException {
        String readme = readme();
        for (String key : StackConfig.keys()) {
            assertThat(readme).as("edp:" + key).contains("`edp:" + key);
            if (!DOTTED.contains(key)) {
                continue;
            }
            Field field = ConfigBinder.field(EventDrivenPatternArgs.class, key);
            if (field == null) {
                field = ConfigBinder.field(SeedApplicationArgs.class, key);
            }
            for (String sub : ConfigBinder.keys(field.getType())) {
                assertThat(readme).as("edp:" + key + "." + sub).contains("edp:" + key + "." + sub);
            }
        }
    }

    @Test
    void everyFunctionQueueAndConsumerFieldIsDocumented() throws IOException {
        String readme = readme();
        for (Class<?> args : List.of(FunctionArgs.class, QueueDefaultsArgs.class, ConsumerArgs.class)) {
            for (String field : ConfigBinder.keys(args)) {
                assertThat(readme).as(args.getSimpleName() + "." + field).contains("`" + field + "`");
            }
        }
    }
}
