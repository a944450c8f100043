package io.rcmos.x12.read;

/**
 * One problem found while reading X12: a stable {@link ProblemCode} (StAEDI's error type, e.g.
 * {@code CONTROL_REFERENCE_MISMATCH}, or ours, e.g. {@code UNREADABLE}), the segment's ordinal and tag, the
 * element position (0 for the segment itself) and a plain message. Readers report problems; they never throw.
 * Messages name segments, elements and codes, never data values (they may be PHI).
 */
public record X12Problem(ProblemCode code, int segment, String tag, int element, String message) {

    @Override
    public String toString() {
        return "segment " + segment + (tag == null ? "" : " (" + tag + ")") + (element > 0 ? " element " + element : "")
                + ": " + code + " — " + message;
    }
}
