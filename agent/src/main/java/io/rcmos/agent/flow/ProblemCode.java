package io.rcmos.agent.flow;

import java.util.Locale;

/**
 * The stable codes of flow problems. A code never changes meaning; new checks get new codes. The wire form is
 * the lower-case name ({@code unknown_op}).
 */
public enum ProblemCode {
    /** The file is not well-formed YAML (or not one document, or uses anchors/aliases). */
    MALFORMED_YAML,
    /** The same key appears twice in one mapping. */
    DUPLICATE_KEY,
    /** A node has the wrong JSON type (a list where a mapping belongs, a number where text belongs). */
    WRONG_TYPE,
    /** A step's {@code op} is not one of the language's ops. */
    UNKNOWN_OP,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field the language does not know (the message suggests the nearest known name). */
    UNKNOWN_FIELD,
    /** A value outside what the field allows (an enum, a name pattern, a range, the language version). */
    BAD_VALUE,
    /** A locator strategy of the wrong shape: not exactly one of role/label/text/placeholder/test_id/css, an unknown role, name without role. */
    BAD_SELECTOR,
    /** A css strategy placed before a semantic one in a locator list. */
    CSS_BEFORE_SEMANTIC,
    /** A locator made only of css strategies (a warning unless the step says {@code allow_css_only: true}). */
    CSS_ONLY(Severity.WARNING),
    /** A duration that is not a positive number with a unit of ms, s, m or h. */
    BAD_DURATION,
    /** A timeout, wait, backoff or deadline above its cap (see {@link FlowLimits}). */
    TIMEOUT_ABOVE_CAP,
    /** A regular expression or glob that does not compile. */
    BAD_PATTERN,
    /** A date format that is not a valid {@code java.time} pattern, or a format where none applies. */
    BAD_FORMAT,
    /** A {@code ${...}} reference that is not closed or not a dotted lower_snake_case name. */
    BAD_TEMPLATE,
    /** A reference to an input, secret or variable that is not declared or not yet defined on every path. */
    UNDEFINED_VARIABLE,
    /** A secret or TOTP code used anywhere but a fill value. */
    SECRET_MISUSE,
    /** A secret-looking field filled with anything but a single secret, TOTP or breakpoint-answer reference. */
    LITERAL_SECRET,
    /** A step that can never run because an earlier step of the same list always ends the run. */
    UNREACHABLE_STEP,
    /** An emit to an output (or list field) the header does not declare. */
    UNDECLARED_OUTPUT,
    /** A value whose type does not fit where it is used (emit, for_each, fill format, within). */
    TYPE_MISMATCH,
    /** Two steps share an id. */
    DUPLICATE_ID;

    private final Severity severity;

    ProblemCode() {
        this(Severity.ERROR);
    }

    ProblemCode(Severity severity) {
        this.severity = severity;
    }

    /** The wire form, e.g. {@code css_before_semantic}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How serious a problem of this code is. */
    public Severity severity() {
        return severity;
    }

    /** Errors make a flow unusable; warnings are reported but do not. */
    public enum Severity { ERROR, WARNING }
}
