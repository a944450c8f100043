package io.rcmos.server.channels;

import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.EligibilityRequest;

/**
 * What a channel is asked: an eligibility inquiry (270) or a claim status inquiry (276), typed. Channels switch on the
 * kind; nothing casts.
 */
public sealed interface Inquiry permits Inquiry.Eligibility, Inquiry.ClaimStatus {

    Purpose purpose();

    /** The typed request, as stored with the run (for JSON and hashing only; channels use the records). */
    Object request();

    /** An eligibility and benefits inquiry. */
    record Eligibility(EligibilityRequest request) implements Inquiry {
        public Eligibility {
            if (request == null) {
                throw new IllegalArgumentException("an eligibility inquiry needs a request");
            }
        }

        @Override
        public Purpose purpose() {
            return Purpose.ELIGIBILITY;
        }
    }

    /** A claim status inquiry. */
    record ClaimStatus(ClaimStatusRequest request) implements Inquiry {
        public ClaimStatus {
            if (request == null) {
                throw new IllegalArgumentException("a claim status inquiry needs a request");
            }
        }

        @Override
        public Purpose purpose() {
            return Purpose.CLAIM_STATUS;
        }
    }

    /** The inquiry of a typed request ({@link Purpose#inputType()} of its purpose). */
    static Inquiry of(Object request) {
        if (request instanceof EligibilityRequest e) {
            return new Eligibility(e);
        }
        if (request instanceof ClaimStatusRequest c) {
            return new ClaimStatus(c);
        }
        throw new IllegalArgumentException("not an inquiry: " + (request == null ? "null" : request.getClass().getSimpleName()));
    }
}
