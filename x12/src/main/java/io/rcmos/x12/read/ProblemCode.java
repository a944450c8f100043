package io.rcmos.x12.read;

import io.xlate.edi.stream.EDIStreamValidationError;

/**
 * The stable code of every {@link X12Problem}: the implementation-guide problems the validator finds, the readers' own
 * ({@code UNREADABLE}, {@code NOT_A_271}…), and the envelope and syntax problems StAEDI finds, under StAEDI's names
 * (e.g. {@code CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT}). The constant's name is the code's wire form (CLI output,
 * JSON): clients may rely on these names; messages may change.
 */
public enum ProblemCode {

    // ---------------------------------------------------------------- implementation guide (X12Validator)

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

    // ---------------------------------------------------------------- the readers

    /** The input could not be read (or validated) at all. */
    UNREADABLE,
    /** A 270 was expected and the input holds none. */
    NOT_A_270,
    /** A 271 was expected and the input holds none. */
    NOT_A_271,
    /** A 276 was expected and the input holds none. */
    NOT_A_276,
    /** A 277 was expected and the input holds none. */
    NOT_A_277,
    /** A 999 or TA1 was expected and the input holds neither. */
    NOT_AN_ACKNOWLEDGEMENT,

    // ---------------------------------------------------------------- StAEDI's envelope and syntax findings, under its names

    UNRECOGNIZED_SEGMENT_ID,
    UNEXPECTED_SEGMENT,
    MANDATORY_SEGMENT_MISSING,
    LOOP_OCCURS_OVER_MAXIMUM_TIMES,
    SEGMENT_EXCEEDS_MAXIMUM_USE,
    SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET,
    SEGMENT_NOT_IN_PROPER_SEQUENCE,
    SEGMENT_HAS_DATA_ELEMENT_ERRORS,
    IMPLEMENTATION_UNUSED_SEGMENT_PRESENT,
    IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING,
    IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES,
    IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE,
    IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT,
    CONDITIONAL_REQUIRED_SEGMENT_MISSING,
    SEGMENT_EXCLUSION_CONDITION_VIOLATED,
    REQUIRED_DATA_ELEMENT_MISSING,
    CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING,
    TOO_MANY_DATA_ELEMENTS,
    EXCLUSION_CONDITION_VIOLATED,
    TOO_MANY_REPETITIONS,
    TOO_MANY_COMPONENTS,
    IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING,
    IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT,
    IMPLEMENTATION_TOO_FEW_REPETITIONS,
    IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT,
    DATA_ELEMENT_TOO_SHORT,
    DATA_ELEMENT_TOO_LONG,
    INVALID_CHARACTER_DATA,
    INVALID_CODE_VALUE,
    INVALID_DATE,
    INVALID_TIME,
    IMPLEMENTATION_INVALID_CODE_VALUE,
    IMPLEMENTATION_PATTERN_MATCH_FAILURE,
    CONTROL_REFERENCE_MISMATCH,
    CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT;

    /** StAEDI's finding under its own name (every StAEDI error type but NONE has a constant here). */
    static ProblemCode of(EDIStreamValidationError error) {
        return valueOf(error.name());
    }

    /** {@code NOT_A_270} … {@code NOT_A_277} for a transaction set identifier. */
    static ProblemCode notA(String transaction) {
        return valueOf("NOT_A_" + transaction);
    }
}
