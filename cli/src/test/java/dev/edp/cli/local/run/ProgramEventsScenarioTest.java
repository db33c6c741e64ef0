package dev.edp.cli.local.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A program's example events: events for its bus, uploads for its file sources, every bad one named at once. */
class ProgramEventsScenarioTest {

    @TempDir
    Path dir;

    @Test
    void eventsAndUploadsAreReadInFileOrder() throws Exception {
        Files.writeString(dir.resolve("1-order.json"), "{\"source\":\"s\",\"detail-type\":\"Order Placed\",\"detail\":{}}");
        Files.writeString(dir.resolve("2-uploads.json"), "[{\"upload\":{\"bucket\":\"landing\",\"key\":\"a.json\","
                + "\"body\":{\"n\":1}}},{\"upload\":{\"bucket\":\"landing\",\"key\":\"empty.json\",\"body\":\"\"}}]");
        Files.writeString(dir.resolve("notes.txt"), "not an event");
        var examples = ProgramEventsScenario.read(dir);
        assertThat(examples).hasSize(3);
        assertThat(examples.get(0)).isInstanceOf(ProgramEventsScenario.Event.class);
        assertThat(examples.get(1)).isEqualTo(new ProgramEventsScenario.Upload("landing", "a.json", "{\"n\":1}"));
        assertThat(examples.get(2)).isEqualTo(new ProgramEventsScenario.Upload("landing", "empty.json", ""));
    }

    @Test
    void everyBadExampleIsNamedWithItsFileAndPlace() throws Exception {
        Files.writeString(dir.resolve("1.json"), "{\"source\":\"s\",\"detail\":{}}");
        Files.writeString(dir.resolve("2.json"), "[{\"upload\":{\"key\":\"a.json\"}}]");
        Files.writeString(dir.resolve("3.json"), "{oops");
        assertThatThrownBy(() -> ProgramEventsScenario.read(dir))
                .hasMessageContaining(dir.resolve("1.json") + ": an event without detail-type")
                .hasMessageContaining(dir.resolve("2.json") + "[0]: an upload without bucket")
                .hasMessageContaining(dir.resolve("3.json") + ": not JSON");
    }
}
