package io.rcmos.server.inbox;

import io.rcmos.server.platform.crypto.Aead;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The answer a person gave to a task (an MFA code, a corrected input, a looked-up result), sealed at rest under the
 * inbox answer key and bound to its task (sealed bytes moved to another task do not open). Its life: sealed with the
 * resolution, read by the run, the task's outcome marked consumed (a run re-attached after a restart is not offered
 * it again), then forgotten (an MFA code is good once). Where the bytes live is {@link Storage}'s business.
 */
final class SealedAnswers {

    /** Where sealed answers are kept: the task's row. */
    interface Storage {

        /** The task's sealed answer; empty when there is no such task or no answer (none given, or forgotten). */
        Optional<byte[]> readAnswer(UUID task);

        /** Notes that the run took the task's outcome; the first time counts, repeating is harmless. */
        void markConsumed(UUID task);

        /** Drops the sealed answer; harmless when there is none. */
        void clearAnswer(UUID task);
    }

    private final Aead aead;
    private final Storage storage;

    SealedAnswers(Aead aead, Storage storage) {
        this.aead = aead;
        this.storage = storage;
    }

    /** Seals {@code answer} (JSON text) for {@code task}, to be stored with its resolution; null stays null. */
    byte[] seal(UUID task, String answer) {
        return answer == null ? null : aead.seal(task.toString(), answer.getBytes(StandardCharsets.UTF_8));
    }

    /** The answer (JSON text: a string code, an object), unsealed; empty when none or already forgotten. */
    Optional<String> answer(UUID task) {
        return storage.readAnswer(task).map(sealed -> new String(aead.open(task.toString(), sealed), StandardCharsets.UTF_8));
    }

    /** The run has taken the task's outcome (it will not be offered again after a restart); the answer stays until forgotten. */
    void consume(UUID task) {
        storage.markConsumed(task);
    }

    /** Drops a used answer: an MFA code is good once. */
    void forget(UUID task) {
        storage.clearAnswer(task);
    }
}
