package io.rcmos.agent.run;

import io.rcmos.agent.flow.Step;
import io.rcmos.agent.flow.ValueType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The parsers of {@code extract}: page text to typed values. Money "$1,234.50" and "($25.00)" to decimals,
 * percent "20%" to the fraction 0.20 (as X12 EB08 carries it), dates by the flow's format to ISO dates, codes
 * trimmed (and mapped from page text when the flow says so), whole numbers. Unreadable text is a {@link Unreadable}
 * naming the type, never the text (it may be PHI).
 */
final class Values {

    private Values() {
    }

    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    static Object parse(String text, Step.Parse parse) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (t.isEmpty() || t.equals("-") || t.equals("\u2013") || t.equals("\u2014") || t.equalsIgnoreCase("n/a")) {
            return null;
        }
        return switch (parse.type()) {
            case TEXT -> t;
            case CODE -> parse.map().getOrDefault(t, parse.map().getOrDefault(t.toLowerCase(Locale.ROOT), t));
            case MONEY -> money(t);
            case PERCENT -> percent(t);
            case DATE -> date(t, parse.format());
            case INT -> integer(t);
            case LIST -> throw new Unreadable("a list is not read from one element");
        };
    }

    static BigDecimal money(String t) {
        boolean negative = t.startsWith("(") && t.endsWith(")") || t.startsWith("-");
        String digits = t.replaceAll("[^0-9.]", "");
        if (digits.isEmpty() || digits.chars().filter(c -> c == '.').count() > 1) {
            throw new Unreadable("not a money amount");
        }
        BigDecimal v = new BigDecimal(digits);
        return negative ? v.negate() : v;
    }

    static BigDecimal percent(String t) {
        String digits = t.replace("%", "").strip();
        try {
            return new BigDecimal(digits).movePointLeft(2).stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw new Unreadable("not a percentage");
        }
    }

    static String date(String t, Optional<String> format) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(format.orElse("MM/dd/yyyy"), Locale.US);
        try {
            return LocalDate.parse(t, f).toString();
        } catch (DateTimeParseException e) {
            throw new Unreadable("not a date in the form " + format.orElse("MM/dd/yyyy"));
        }
    }

    static Long integer(String t) {
        try {
            return Long.parseLong(t.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new Unreadable("not a whole number");
        }
    }

    /** An emitted value converted to its declared output type (emits carry text). */
    static Object convert(Object value, ValueType type) {
        if (value == null || type == null) {
            return value;
        }
        if (!(value instanceof String s)) {
            return value;
        }
        return switch (type) {
            case MONEY -> money(s);
            case PERCENT -> s.endsWith("%") ? percent(s) : new BigDecimal(s);
            case INT -> integer(s);
            default -> s;
        };
    }
}
