package io.rcmos.agent.flow;

import java.util.List;
import java.util.regex.Pattern;

/** What {@code if}/{@code when} and {@code assert} test: page state, or a variable's value. */
public sealed interface Condition {

    /** The element is attached and visible. */
    record Visible(Locator locator) implements Condition {
    }

    /** The element is attached (visible or not). */
    record Present(Locator locator) implements Condition {
    }

    /** The page's visible text contains {@code text}. */
    record TextPresent(Template text) implements Condition {
    }

    /** The page URL matches. */
    record UrlMatches(UrlPattern url) implements Condition {
    }

    /** The element's text matches the regular expression (found anywhere in it). */
    record ElementText(Locator locator, Pattern matches) implements Condition {
    }

    /** A value (usually a row field) equals a literal, compared as text. */
    record Equals(Template value, String to) implements Condition {
    }

    record Not(Condition condition) implements Condition {
    }

    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }
}
