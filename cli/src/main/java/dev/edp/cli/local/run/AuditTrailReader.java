package dev.edp.cli.local.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.sandbox.bus.BusEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads the audit bucket: every object Firehose wrote, GZIP or not, each a run of concatenated event JSON objects
 * (EventBridge sends each event as one record, Firehose concatenates records), and collects the events' keys.
 * Objects are read once; {@link #refresh()} reads only the new ones.
 */
public final class AuditTrailReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final String bucket;
    private final Set<String> objectsRead = new HashSet<>();
    private final Set<String> keys = new LinkedHashSet<>();

    public AuditTrailReader(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Reads the objects written since the last call; returns every event key seen so far. */
    public synchronized Set<String> refresh() {
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            if (objectsRead.add(object.key())) {
                byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asByteArray();
                try {
                    keys.addAll(keysIn(bytes));
                } catch (IOException e) {
                    throw new UncheckedIOException("unreadable audit object s3://" + bucket + "/" + object.key() + ": "
                            + e.getMessage(), e);
                }
            }
        }
        return Set.copyOf(keys);
    }

    /** How many objects the audit bucket holds (read so far). */
    public synchronized int objects() {
        return objectsRead.size();
    }

    /** The keys of the events in one audit object: concatenated event JSON, GZIP-compressed or not. */
    static Set<String> keysIn(byte[] bytes) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        try (InputStream in = isGzip(bytes) ? new GZIPInputStream(new ByteArrayInputStream(bytes))
                : new ByteArrayInputStream(bytes);
             MappingIterator<JsonNode> events = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (events.hasNextValue()) {
                found.add(BusEvent.key(events.nextValue()));
            }
        }
        return found;
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }
}
