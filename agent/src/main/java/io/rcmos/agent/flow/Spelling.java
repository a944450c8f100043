package io.rcmos.agent.flow;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean …?" for misspelt field names, ops and outputs: the closest known name within a small edit distance. */
final class Spelling {

    private Spelling() {
    }

    static Optional<String> nearest(String word, Collection<String> known) {
        int limit = word.length() <= 2 ? 1 : Math.max(2, word.length() / 3);
        return known.stream()
                .filter(k -> distance(word, k) <= limit)
                .min(Comparator.comparingInt((String k) -> distance(word, k)).thenComparing(k -> k));
    }

    /** "; did you mean 'x'?" or nothing. */
    static String hint(String word, Collection<String> known) {
        return nearest(word, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
