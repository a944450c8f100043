package io.rcmos.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where signed checkpoints are kept outside the database: the artifact store, which implements this (the audit
 * module depends on no storage code). Objects are small JSON documents that carry no PHI.
 */
public interface CheckpointStore {

    /**
     * Writes an object that must stay unchanged until {@code retainUntil}, under write-once retention where the store
     * offers it ({@code lockMode}: {@code COMPLIANCE} or {@code GOVERNANCE}); answers what protects it, in words.
     */
    String writeRetained(String name, byte[] bytes, String lockMode, Instant retainUntil);

    /** The object's bytes, or empty when there is none of that name; {@link Corrupt} when they fail the store's own check. */
    Optional<byte[]> read(String name);

    /** The names of all objects under {@code prefix}, sorted. */
    List<String> list(String prefix);

    /** Where checkpoints go and how they are protected, for the verify answer. */
    String describe();

    /** An object exists but fails the store's own integrity check (an encrypted file altered on disk). */
    final class Corrupt extends RuntimeException {
        public Corrupt() {
            super("the stored object fails the store's integrity check", null, false, false);
        }
    }
}
