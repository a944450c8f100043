package io.rcmos.server.platform.web;

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

    /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
