package io.rcmos.server.artifacts;

import java.io.InputStream;
import java.time.Instant;

/**
 * Where artifact bytes live. Keys are opaque ({@code runs/<run_id>/<artifact_id>}); the manifest in PostgreSQL
 * knows what each key holds. Implementations encrypt at rest and hand out time-limited download URLs.
 */
public interface ArtifactStore {

    void put(String key, byte[] bytes, String contentType);

    InputStream open(String key);

    void delete(String key);

    /** A URL anyone holding it may download from until {@code expiresAt}. */
    String downloadUrl(String key, String artifactId, String contentType, String fileName, Instant expiresAt);

    /** Throws with a short reason when the store cannot write and read back. */
    void probe();

    String describe();
}
