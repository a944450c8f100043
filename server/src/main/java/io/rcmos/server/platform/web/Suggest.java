package io.rcmos.server.platform.web;

import org.apache.commons.text.similarity.LevenshteinDistance;
import java.util.Collection;
import java.util.Locale;

/** The nearest known name to a misspelled one ({@code member_idd} → {@code member_id}), for "did you mean" hints. */
public final class Suggest {

    private Suggest() {
    }

    /** The candidate closest to {@code name} when it is close enough (a few edits), else null. */
    public static String nearest(String name, Collection<String> candidates) {
        if (name == null || candidates == null) {
            return null;
        }
        String wanted = name.toLowerCase(Locale.ROOT).replace('-', '_');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(wanted, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, wanted.length() / 3));
        return best != null && bestDistance <= allowed ? best : null;
    }

    /** {@code "is not a known field"}, with {@code " (did you mean x?)"} when one is near. */
    public static String unknownField(String name, Collection<String> candidates) {
        String near = nearest(name, candidates);
        return "is not a known field" + (near == null ? "" : " (did you mean " + near + "?)");
    }

    /** Edits (insertions, deletions, substitutions) from one name to the other. */
    private static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }
}
