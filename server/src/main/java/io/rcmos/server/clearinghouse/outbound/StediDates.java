package io.rcmos.server.clearinghouse.outbound;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Stedi dates: {@code YYYYMMDD} on requests; both {@code YYYYMMDD} and {@code YYYY-MM-DD} (and ranges) in answers. */
final class StediDates {

    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private StediDates() {
    }

    static String format(LocalDate date) {
        return date == null ? null : BASIC.format(date);
    }

    /** The date, or the first date of a {@code A-B} range; null when absent or unreadable. */
    static LocalDate parse(String value) {
        return parseRange(value)[0];
    }

    /** {@code [begin, end]} of {@code YYYYMMDD-YYYYMMDD} (end null for a single date). */
    static LocalDate[] parseRange(String value) {
        if (value == null || value.isBlank()) {
            return new LocalDate[]{null, null};
        }
        String v = value.trim();
        try {
            if (v.length() == 17 && v.charAt(8) == '-') {
                return new LocalDate[]{LocalDate.parse(v.substring(0, 8), BASIC), LocalDate.parse(v.substring(9), BASIC)};
            }
            if (v.length() == 8) {
                return new LocalDate[]{LocalDate.parse(v, BASIC), null};
            }
            if (v.length() == 10) {
                return new LocalDate[]{LocalDate.parse(v), null};
            }
            if (v.length() == 21 && v.charAt(10) == '-') {
                return new LocalDate[]{LocalDate.parse(v.substring(0, 10)), LocalDate.parse(v.substring(11))};
            }
        } catch (DateTimeParseException e) {
            // fall through
        }
        return new LocalDate[]{null, null};
    }
}
