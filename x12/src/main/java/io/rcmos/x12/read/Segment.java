package io.rcmos.x12.read;

import java.util.List;

/**
 * One segment as read: its tag, ordinal in the interchange (1-based) and elements; each element is the list of
 * its repetitions, and each repetition the list of its components (a simple element is one repetition of one component).
 */
record Segment(String tag, int ordinal, List<List<List<String>>> elements) {

    /** The first component of the first repetition of element {@code position} (1-based), or null. */
    String get(int position) {
        return component(position, 1);
    }

    String component(int position, int component) {
        if (position < 1 || position > elements.size()) {
            return null;
        }
        List<List<String>> element = elements.get(position - 1);
        if (element.isEmpty() || element.get(0).size() < component) {
            return null;
        }
        String v = element.get(0).get(component - 1);
        return v == null || v.isEmpty() ? null : v;
    }

    /** The first component of every repetition of element {@code position}. */
    List<String> repetitions(int position) {
        if (position < 1 || position > elements.size()) {
            return List.of();
        }
        return elements.get(position - 1).stream().map(r -> r.isEmpty() ? "" : r.get(0)).filter(v -> !v.isEmpty()).toList();
    }
}
