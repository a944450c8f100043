package io.rcmos.x12.read;

/**
 * The stable codes of implementation-guide problems (envelope and syntax problems keep StAEDI's codes, e.g.
 * {@code CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT}). Clients may rely on these names; messages may change.
 */
public enum ProblemCode {
    /** A segment the guide does not allow where it appears (unknown, out of order, or in no loop that takes it). */
    SEGMENT_NOT_EXPECTED,
    /** A segment the guide requires in a loop (or a required loop) is absent. */
    REQUIRED_SEGMENT_MISSING,
    /** A segment appears more often than its maximum use in one loop. */
    SEGMENT_REPEATS_TOO_OFTEN,
    /** A loop repeats more often than the guide allows. */
    LOOP_REPEATS_TOO_OFTEN,
    /** A required element (or a required component of a present composite) is empty. */
    REQUIRED_ELEMENT_MISSING,
    /** An element holds a code the guide does not list for it. */
    CODE_NOT_ALLOWED,
    /** An element the guide marks "not used" holds a value. */
    ELEMENT_NOT_USED,
    /** HL01 does not count up from 1. */
    HL_NUMBERING,
    /** HL02 names no earlier HL. */
    HL_PARENT_UNKNOWN,
    /** A date (D8) or range (RD8) that is not a real calendar date. */
    BAD_DATE,
    /** ST03/GS08 is not the guide's version, or they disagree. */
    WRONG_VERSION,
    /** GS01 does not match the transaction set (HS for 270, HB for 271, HR for 276, HN for 277). */
    WRONG_FUNCTIONAL_GROUP,
    /** The input could not be validated at all. */
    UNREADABLE
}
