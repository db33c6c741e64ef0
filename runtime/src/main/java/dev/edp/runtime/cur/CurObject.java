package dev.edp.runtime.cur;

import dev.edp.runtime.common.S3ObjectCreated;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One version of one uploaded report, and the short stable identifiers the ledger keys it by.
 *
 * @param bucket    the bucket
 * @param key       the object key
 * @param versionId the S3 version id on a versioned bucket
 * @param etag      the entity tag (identifies the content on an unversioned bucket)
 * @param sequencer S3's event order for this key, zero-padded so that string order is S3's order
 */
public record CurObject(String bucket, String key, Optional<String> versionId, String etag, String sequencer) {

    /** Sequencers are hexadecimal strings of varying length; padded to this width they compare as strings. */
    static final int SEQUENCER_WIDTH = 32;

    public static CurObject of(S3ObjectCreated event) {
        return new CurObject(event.bucket(), event.key(), event.versionId(), event.etag(),
                padSequencer(event.sequencer().orElse("")));
    }

    /** {@code s3://bucket/key}. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** What identifies this content: the version id where there is one, else the entity tag. */
    public String version() {
        return versionId.orElse(etag);
    }

    /** 32 hex characters that identify the object (bucket and key) in keys, whatever the key's length. */
    public String objectId() {
        return sha256(bucket + "/" + key).substring(0, 32);
    }

    /**
     * 16 hex characters that identify this upload within the object. On a versioned bucket, of the version id. On an
     * unversioned one, of the entity tag <em>and</em> the sequencer: the same bytes uploaded again (A, B, then A)
     * must not share a tag with their first upload, or cleaning up after B replaced the first A could delete what
     * the second A committed. A redelivered or replayed event has the same sequencer, so the same tag.
     */
    public String versionTag() {
        return sha256(versionId.isPresent() ? version() : etag + "@" + sequencer).substring(0, 16);
    }

    static String padSequencer(String sequencer) {
        String hex = sequencer.toUpperCase(java.util.Locale.ROOT);
        return hex.length() >= SEQUENCER_WIDTH ? hex : "0".repeat(SEQUENCER_WIDTH - hex.length()) + hex;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
