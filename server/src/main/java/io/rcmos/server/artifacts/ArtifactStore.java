package io.rcmos.server.artifacts;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where artifact bytes live. Keys are opaque ({@code runs/<run_id>/<artifact_id>}); the manifest in PostgreSQL
 * knows what each key holds. Implementations encrypt at rest and hand out time-limited download URLs.
 */
public interface ArtifactStore {

    void put(String key, byte[] bytes, String contentType);

    InputStream open(String key);

    /**
     * Writes bytes that must stay unchanged until {@code retainUntil}: under S3 Object Lock retention in
     * {@code lockMode} ({@code COMPLIANCE} or {@code GOVERNANCE}) where the bucket has Object Lock, as an ordinary
     * object (or a read-only file) elsewhere. Answers what protects the object, in words.
     */
    String putRetained(String key, byte[] bytes, String contentType, String lockMode, Instant retainUntil);

    /** The keys under {@code prefix}, sorted. */
    List<String> list(String prefix);

    /** What {@link #putRetained} gives in this store, in words. */
    String retention();

    void delete(String key);

    /** A URL anyone holding it may download from until {@code expiresAt}. */
    String downloadUrl(String key, String artifactId, String contentType, String fileName, Instant expiresAt);

    /** Throws with a short reason when the store cannot write and read back. */
    void probe();

    String describe();
}
