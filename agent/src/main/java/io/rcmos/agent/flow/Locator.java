package io.rcmos.agent.flow;

import java.util.List;
import java.util.Locale;

/**
 * How to find one element: strategies tried in order until one matches. Semantic strategies (what a person sees:
 * role and accessible name, label, text, placeholder, test id) come first; CSS, which breaks when a page is
 * restyled, comes last.
 */
public record Locator(List<Strategy> strategies) {

    public Locator {
        strategies = List.copyOf(strategies);
    }

    /**
     * One strategy. {@code name} (the accessible name) applies to {@link Kind#ROLE} only; {@code exact} asks for a
     * whole, case-sensitive match of the name or text instead of a substring.
     */
    public record Strategy(Kind kind, Template value, Template name, boolean exact) {
    }

    /** The kinds of strategy, in the order the language recommends. */
    public enum Kind {
        ROLE, LABEL, TEXT, PLACEHOLDER, TEST_ID, CSS;

        /** The YAML key, e.g. {@code test_id}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean isSemantic() {
            return this != CSS;
        }
    }
}
