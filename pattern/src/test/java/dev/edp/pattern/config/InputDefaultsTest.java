package dev.edp.pattern.config;

import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.pattern.inputs.ScheduleArgs;
import dev.edp.pattern.inputs.TableArgs;
import dev.edp.pattern.inputs.WorkflowArgs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults read off the resolver are the ones EnvironmentPreset defines, and only safe ones are "sendable". */
class InputDefaultsTest {

    private static InputDefaults.Default of(Class<?> args, String property) {
        return InputDefaults.of(args, property).orElseThrow(() -> new AssertionError(args.getSimpleName() + "."
                + property + " has no default"));
    }

    @Test
    void thePresetsValuesPerEnvironment() {
        for (Environment env : Environment.values()) {
            EnvironmentPreset preset = EnvironmentPreset.of(env);
            assertThat(of(FunctionArgs.class, "memoryMb").byEnvironment().get(env)).isEqualTo(preset.memoryMb());
            assertThat(of(FunctionArgs.class, "logLevel").byEnvironment().get(env)).isEqualTo(preset.logLevel().id());
            assertThat(of(QueueDefaultsArgs.class, "messageRetentionSeconds").byEnvironment().get(env))
                    .isEqualTo(preset.messageRetentionSeconds());
            assertThat(of(WorkflowArgs.class, "logLevel").byEnvironment().get(env))
                    .isEqualTo(preset.workflowLogLevel().id());
            assertThat(of(TableArgs.class, "deletionProtection").byEnvironment().get(env))
                    .isEqualTo(preset.tableDeletionProtection());
        }
        assertThat(of(FunctionArgs.class, "memoryMb").fixed()).isFalse();
        assertThat(of(FunctionArgs.class, "memoryMb").schemaDefault()).isFalse();
    }

    @Test
    void theConstantsEverywhere() {
        assertThat(of(FunctionArgs.class, "timeoutSeconds").value()).isEqualTo(EnvironmentPreset.TIMEOUT_SECONDS);
        assertThat(of(FunctionArgs.class, "architecture").value()).isEqualTo(EnvironmentPreset.ARCHITECTURE.id());
        assertThat(of(FunctionArgs.class, "runtime").value()).isEqualTo(EnvironmentPreset.RUNTIME);
        assertThat(of(WorkflowArgs.class, "type").value()).isEqualTo(EnvironmentPreset.WORKFLOW_TYPE.id());
        assertThat(of(ScheduleArgs.class, "timezone").value()).isEqualTo(EnvironmentPreset.SCHEDULE_TIMEZONE);
        assertThat(of(ConsumerArgs.class, "kind").value()).isEqualTo(PatternSettings.Kind.QUEUE.id());
        assertThat(of(ConsumerArgs.class, "retryAttempts").value()).isEqualTo(EnvironmentPreset.ASYNC_RETRY_ATTEMPTS);
    }

    @Test
    void sendableOnlyWhereSettingItIsTheSameAsLeavingItUnset() {
        assertThat(of(ConsumerArgs.class, "kind").schemaDefault()).isTrue();
        assertThat(of(WorkflowArgs.class, "type").schemaDefault()).isTrue();
        // layered: a lower layer's explicit value would hide the one above
        assertThat(of(FunctionArgs.class, "timeoutSeconds").schemaDefault()).isFalse();
        // refused when given in some uses
        assertThat(of(ScheduleArgs.class, "source").schemaDefault()).isFalse();
        assertThat(of(TableArgs.class, "ttlAttribute").schemaDefault()).isFalse();
        assertThat(of(TableArgs.class, "streamEnabled").schemaDefault()).isFalse();
        assertThat(of(ConsumerArgs.class, "retryAttempts").schemaDefault()).isFalse();
        // names the item
        assertThat(of(ConsumerArgs.class, "description").template()).isTrue();
        assertThat(of(ConsumerArgs.class, "description").value()).isEqualTo("EDP consumer <name>");
    }

    @Test
    void defaultsThatFollowOtherFieldsAreFoundAsSuch() {
        assertThat(of(BusArgs.class, "schemaDiscovery").dependent()).isTrue();
        assertThat(of(QueueDefaultsArgs.class, "visibilityTimeoutSeconds").dependent()).isTrue();
        assertThat(of(FunctionArgs.class, "snapStart").dependent()).isTrue();
        assertThat(of(FunctionArgs.class, "memoryMb").dependent()).isFalse();
    }

    @Test
    void sentences() {
        assertThat(of(FunctionArgs.class, "timeoutSeconds").sentence()).isEqualTo("Default: `30`.");
        assertThat(of(FunctionArgs.class, "memoryMb").sentence())
                .isEqualTo("Default (preset): dev 512, staging 1024, prod 2048.");
        assertThat(InputDefaults.Default.render(10_000.0)).isEqualTo("10000");
        assertThat(InputDefaults.Default.render(0.5)).isEqualTo("0.5");
    }
}
