package dev.edp.cli.local.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditTrailReaderTest {

    private static final String TWO_EVENTS = "{\"id\":\"e-1\",\"source\":\"orders\",\"detail\":{}}"
            + "{\"id\":\"e-2\",\"source\":\"aws.s3\",\"detail\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"r.csv\"}}}";

    @Test
    void firehoseConcatenatesRecordsWithoutSeparators() throws Exception {
        assertThat(AuditTrailReader.keysIn(TWO_EVENTS.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("e-1", "s3://b/r.csv");
    }

    @Test
    void gzipObjectsAreReadToo() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(TWO_EVENTS.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(AuditTrailReader.keysIn(bytes.toByteArray())).containsExactly("e-1", "s3://b/r.csv");
    }

    @Test
    void aTruncatedObjectIsAnError() {
        assertThatThrownBy(() -> AuditTrailReader.keysIn("{\"id\":\"e-1\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(java.io.IOException.class);
    }
}
