package io.rcmos.server.runs;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Set;

/**
 * Patient context shown where the whole value is not needed (lists, inbox rows): enough for a person to recognise
 * the patient in front of them, never enough to identify one.
 */
final class Masked {

    static final String DOTS = "••••";

    /** Identifiers of a person or their account: shown as their last four characters. */
    private static final Set<String> IDENTIFIERS = Set.of("member_id", "patient_control_number", "payer_claim_number");
    private static final Set<String> NAMES = Set.of("first_name", "last_name", "middle_name");

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

    /**
     * A request or answer as a role that may not see patient data reads it (minimum necessary): member and claim
     * identifiers as their last four characters, names as initials, birth dates as the year; everything else (plan,
     * benefits, statuses, amounts) as it is. A masked copy; the original is untouched.
     */
    static JsonNode phi(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        mask(copy);
        return copy;
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : java.util.List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value != null && value.isString()) {
                    String text = value.asString();
                    if (IDENTIFIERS.contains(name)) {
                        object.put(name, memberHint(text));
                    } else if (NAMES.contains(name)) {
                        object.put(name, initial(text).isEmpty() ? null : initial(text));
                    } else if ("date_of_birth".equals(name)) {
                        object.put(name, text.length() >= 4 ? text.substring(0, 4) : null);
                    }
                } else {
                    mask(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Masked::mask);
        }
    }
}
