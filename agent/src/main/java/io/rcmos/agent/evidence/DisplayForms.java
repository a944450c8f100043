package io.rcmos.agent.evidence;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The spellings in which a portal may show a run's value. Text is shown as given; a date (given as {@code YYYY-MM-DD},
 * {@code YYYYMMDD} or {@code MM/DD/YYYY}) in every form US payer portals print birth and service dates:
 * {@code 1980-01-05}, {@code 01/05/1980}, {@code 1/5/1980}, {@code 01-05-1980}, {@code 01051980}, {@code 19800105},
 * {@code 01/05/80}, {@code 1/5/80}, {@code Jan 5, 1980}, {@code Jan 05, 1980}, {@code January 5, 1980},
 * {@code 5 Jan 1980} and {@code 05-Jan-1980}. Masks look for every spelling, so a birth date echoed in a heading is
 * found whichever way the portal writes it.
 */
public final class DisplayForms {

    private static final List<DateTimeFormatter> READ = List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.BASIC_ISO_DATE,
            DateTimeFormatter.ofPattern("MM/dd/uuuu", Locale.US));
    private static final List<DateTimeFormatter> SHOWN = List.of("uuuu-MM-dd", "MM/dd/uuuu", "M/d/uuuu", "MM-dd-uuuu", "MMdduuuu",
                    "uuuuMMdd", "MM/dd/uu", "M/d/uu", "MMM d, uuuu", "MMM dd, uuuu", "MMMM d, uuuu", "d MMM uuuu", "dd-MMM-uuuu").stream()
            .map(p -> DateTimeFormatter.ofPattern(p, Locale.US)).toList();

    private DisplayForms() {
    }

    /** The value itself and, when it is a date, each of its printed forms (in a stable order). */
    public static Set<String> of(String value) {
        Set<String> forms = new LinkedHashSet<>();
        if (value == null || value.isEmpty()) {
            return forms;
        }
        forms.add(value);
        date(value).ifPresent(d -> SHOWN.forEach(f -> forms.add(f.format(d))));
        return forms;
    }

    /** The date a value names in one of the forms runs give dates in, if it is one. */
    public static Optional<LocalDate> date(String value) {
        for (DateTimeFormatter f : READ) {
            try {
                return Optional.of(LocalDate.parse(value.strip(), f));
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
