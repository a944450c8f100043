package io.rcmos.server.runs;

import java.util.Locale;

/**
 * Patient context shown where the whole value is not needed (lists, inbox rows): enough for a person to recognise
 * the patient in front of them, never enough to identify one.
 */
final class Masked {

    static final String DOTS = "••••";

    private Masked() {
    }

    /**
     * {@code ••••2649}: the last four characters of a member id longer than four; an id of four characters or fewer
     * shows nothing of itself ({@code ••••}); null when there is no member id.
     */
    static String memberHint(String memberId) {
        if (memberId == null || memberId.isBlank()) {
            return null;
        }
        String id = memberId.strip();
        return id.length() <= 4 ? DOTS : DOTS + id.substring(id.length() - 4).toUpperCase(Locale.ROOT);
    }

    /** {@code J.D.}: the first letters of the first and last names (either may be missing); null when both are. */
    static String initials(String firstName, String lastName) {
        String out = initial(firstName) + initial(lastName);
        return out.isEmpty() ? null : out;
    }

    private static String initial(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        int first = name.strip().codePointAt(0);
        return new String(Character.toChars(Character.toUpperCase(first))) + ".";
    }
}
