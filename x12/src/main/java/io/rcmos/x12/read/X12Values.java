package io.rcmos.x12.read;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Element values as the readers take them: unreadable values become null (the validator reports them). */
final class X12Values {

    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

    private X12Values() {
    }

    /** A CCYYMMDD date, or null. */
    static LocalDate date(String d8) {
        try {
            return d8 == null || d8.length() != 8 ? null : LocalDate.parse(d8, D8);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** DTP03 by its format: RD8 {@code CCYYMMDD-CCYYMMDD} → [from, to]; D8 → [date, null]. */
    static LocalDate[] range(String format, String value) {
        if (value == null) {
            return new LocalDate[]{null, null};
        }
        if ("RD8".equals(format) && value.length() == 17) {
            return new LocalDate[]{date(value.substring(0, 8)), date(value.substring(9))};
        }
        return new LocalDate[]{date(value), null};
    }

    static BigDecimal decimal(String value) {
        try {
            return value == null ? null : new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
