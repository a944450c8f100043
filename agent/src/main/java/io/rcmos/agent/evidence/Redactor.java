package io.rcmos.agent.evidence;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks known sensitive values (passwords, one-time codes, member ids, names, birth dates — whatever a run typed or
 * a flow marked sensitive) wherever they appear in text evidence: as typed, URL-encoded, HTML- and JSON-escaped,
 * and, for dates, in every form portals show them ({@link DisplayForms}: {@code MM/DD/YYYY}, {@code M/D/YYYY},
 * {@code YYYY-MM-DD}, {@code MMDDYYYY}, {@code Jan 5, 1980}…).
 * Value-based masking catches what structure-based masking misses (a member id echoed in a heading, a password in a
 * form post body).
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";
    private static final int MIN_LENGTH = 3; // shorter values (a "M" gender) would shred unrelated text

    private final List<String> needles;

    private Redactor(List<String> needles) {
        this.needles = needles;
    }

    /** Builds a redactor for these values; nulls and values shorter than three characters are ignored. */
    public static Redactor of(Iterable<String> values) {
        Set<String> all = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null || v.length() < MIN_LENGTH) {
                continue;
            }
            all.add(v);
            all.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
            all.add(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
            all.add(html(v));
            all.add(json(v));
            all.add(json(html(v)));
            for (String form : DisplayForms.of(v)) {
                if (!form.equals(v)) { // a date's other spellings, as shown and as sent in forms and JSON
                    all.add(form);
                    all.add(URLEncoder.encode(form, StandardCharsets.UTF_8));
                    all.add(URLEncoder.encode(form, StandardCharsets.UTF_8).replace("+", "%20"));
                    all.add(json(form));
                }
            }
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first: "a&amp;b" before "a"
        return new Redactor(List.copyOf(sorted));
    }

    public boolean isEmpty() {
        return needles.isEmpty();
    }

    public String redact(String text) {
        if (text == null || needles.isEmpty()) {
            return text;
        }
        String out = text;
        for (String n : needles) {
            if (out.contains(n)) {
                out = out.replace(n, MASK);
            }
        }
        return out;
    }

    /** True when any value (in any of its forms) occurs in the text — for tests and for refusing to serve. */
    public boolean leaks(String text) {
        return text != null && needles.stream().anyMatch(text::contains);
    }

    private static String html(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String json(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
    }
}
