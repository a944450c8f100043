package io.rcmos.server.inbox;

import io.rcmos.server.platform.crypto.Aead;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A task's answer: sealed at rest and bound to its task, read by the run, consumed once, then forgotten. */
class SealedAnswersTest {

    /** The task rows, in memory: the sealed bytes per task and which tasks' outcomes were consumed (and how often). */
    static final class Rows implements SealedAnswers.Storage {
        final Map<UUID, byte[]> answers = new HashMap<>();
        final Set<UUID> consumed = new HashSet<>();

        @Override
        public Optional<byte[]> readAnswer(UUID task) {
            return Optional.ofNullable(answers.get(task));
        }

        @Override
        public void markConsumed(UUID task) {
            consumed.add(task);
        }

        @Override
        public void clearAnswer(UUID task) {
            answers.remove(task);
        }
    }

    private final Rows rows = new Rows();
    private final SealedAnswers answers = new SealedAnswers(new Aead(key()), rows);

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void anAnswerIsSealedAtRestAndReadBackByItsTask() {
        UUID task = UUID.randomUUID();
        byte[] sealed = answers.seal(task, "\"493817\"");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("493817");
        rows.answers.put(task, sealed);

        assertThat(answers.answer(task)).contains("\"493817\"");
        assertThat(answers.answer(task)).as("reading does not use it up").contains("\"493817\"");
    }

    @Test
    void noValueSealsToNothingAndReadsAsEmpty() {
        UUID task = UUID.randomUUID();
        assertThat(answers.seal(task, null)).isNull();
        assertThat(answers.answer(task)).isEmpty();
    }

    @Test
    void consumingKeepsTheAnswerForTheRunAndCountsOnlyOnce() {
        UUID task = UUID.randomUUID();
        rows.answers.put(task, answers.seal(task, "{\"subscriber\":{\"member_id\":\"W1\"}}"));

        answers.consume(task);
        assertThat(rows.consumed).containsExactly(task);
        assertThat(answers.answer(task)).as("the run reads the answer after taking the outcome").isPresent();

        answers.consume(task);
        assertThat(rows.consumed).as("consuming again changes nothing").containsExactly(task);
    }

    @Test
    void aForgottenAnswerIsGoneAndForgettingAgainIsHarmless() {
        UUID task = UUID.randomUUID();
        rows.answers.put(task, answers.seal(task, "\"A1B2C3\""));

        answers.forget(task);
        assertThat(answers.answer(task)).isEmpty();
        assertThat(rows.answers).doesNotContainKey(task);

        answers.forget(task);
        assertThat(answers.answer(task)).isEmpty();
    }

    @Test
    void anAnswerMovedToAnotherTaskDoesNotOpen() {
        UUID task = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        rows.answers.put(other, answers.seal(task, "\"493817\""));

        assertThatThrownBy(() -> answers.answer(other)).isInstanceOf(Aead.Tampered.class);
    }

    @Test
    void anAnswerSealedUnderAnotherKeyDoesNotOpen() {
        UUID task = UUID.randomUUID();
        rows.answers.put(task, new SealedAnswers(new Aead(key()), rows).seal(task, "\"493817\""));

        assertThatThrownBy(() -> answers.answer(task)).isInstanceOf(Aead.Tampered.class);
    }
}
