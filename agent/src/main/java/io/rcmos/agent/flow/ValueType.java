package io.rcmos.agent.flow;

import java.util.Locale;
import java.util.Optional;

/**
 * The types of inputs, extracted values and outputs. The parsers of {@code extract} carry the same names:
 * {@code money} reads "$1,234.50" as a decimal amount; {@code percent} reads "20%" as the decimal fraction 0.20
 * (as X12 EB08 does); {@code date} reads with the given {@code java.time} format into an ISO date; {@code code}
 * trims and collapses spaces (optionally mapping page text to codes); {@code int} reads a whole number;
 * {@code text} trims. {@code list} is an output of typed rows.
 */
public enum ValueType {
    TEXT, CODE, MONEY, PERCENT, DATE, INT, LIST;

    /** The wire name, e.g. {@code money}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ValueType> of(String wire) {
        for (ValueType t : values()) {
            if (t.wire().equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether a value of type {@code value} may be emitted where this type is declared (text takes codes too). */
    public boolean accepts(ValueType value) {
        return this == value || (this == TEXT && value == CODE);
    }
}
