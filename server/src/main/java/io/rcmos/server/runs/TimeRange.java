package io.rcmos.server.runs;

import io.rcmos.server.platform.web.InvalidParameter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The bounds of a time filter: an ISO date ({@code 2026-11-24}, a whole UTC day) or an instant
 * ({@code 2026-11-24T15:00:00Z}). A date as the start means its first moment; as the end, the end of that day (the day
 * is included). Anything else is a 400 naming the parameter.
 */
final class TimeRange {

    private TimeRange() {
    }

    /** The inclusive start a {@code from} value names. */
    static Instant start(String parameter, String value) {
        LocalDate day = date(value);
        return day != null ? day.atStartOfDay(ZoneOffset.UTC).toInstant() : instant(parameter, value);
    }

    /** The exclusive end a {@code to} value names: a date runs to the end of that day. */
    static Instant end(String parameter, String value) {
        LocalDate day = date(value);
        return day != null ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : instant(parameter, value);
    }

    private static LocalDate date(String value) {
        if (value.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(String parameter, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(parameter, "must be a date (2026-11-24) or an ISO-8601 instant (2026-11-24T15:00:00Z)");
        }
    }
}
