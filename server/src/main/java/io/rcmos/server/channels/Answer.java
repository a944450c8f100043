package io.rcmos.server.channels;

import io.rcmos.x12.model.ClaimStatusResult;
import io.rcmos.x12.model.EligibilityResult;

/** What a channel (or a person) answered: the typed result of the inquiry's purpose. */
public sealed interface Answer permits Answer.Eligibility, Answer.ClaimStatus {

    Purpose purpose();

    /** The typed result, as stored as the run's output. */
    Object result();

    record Eligibility(EligibilityResult result) implements Answer {
        public Eligibility {
            if (result == null) {
                throw new IllegalArgumentException("an eligibility answer needs a result");
            }
        }

        @Override
        public Purpose purpose() {
            return Purpose.ELIGIBILITY;
        }
    }

    record ClaimStatus(ClaimStatusResult result) implements Answer {
        public ClaimStatus {
            if (result == null) {
                throw new IllegalArgumentException("a claim status answer needs a result");
            }
        }

        @Override
        public Purpose purpose() {
            return Purpose.CLAIM_STATUS;
        }
    }

    /** The answer of a typed result ({@link Purpose#resultType()} of its purpose). */
    static Answer of(Object result) {
        if (result instanceof EligibilityResult e) {
            return new Eligibility(e);
        }
        if (result instanceof ClaimStatusResult c) {
            return new ClaimStatus(c);
        }
        throw new IllegalArgumentException("not an answer: " + (result == null ? "null" : result.getClass().getSimpleName()));
    }
}
