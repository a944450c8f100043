package io.rcmos.x12.read;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Element values as the readers take them: unreadable values become null (the validator reports them). */
final class X12Values {

    private X12Values() {
    }

    /** A CCYYMMDD date, or null: eight ASCII digits naming a real day, as {@link DateTimeFormatter#BASIC_ISO_DATE} reads them. */
    static LocalDate date(String d8) {
        if (d8 == null || d8.length() != 8) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < 8; i++) {
            char c = d8.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        try {
            return LocalDate.of(value / 10_000, value / 100 % 100, value % 100);
        } catch (DateTimeException e) {
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
