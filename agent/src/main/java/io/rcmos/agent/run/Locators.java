package io.rcmos.agent.run;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.rcmos.agent.flow.Locator.Strategy;
import io.rcmos.agent.flow.Template;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * Turns a flow locator (ordered strategies) into a Playwright locator: the first strategy that matches an element
 * wins, so a role/label strategy keeps working when a page is restyled and CSS is only the last resort. Resolution
 * polls until the step's timeout, because a page may still be rendering.
 */
final class Locators {

    private static final Duration POLL = Duration.ofMillis(100);

    private Locators() {
    }

    /** The whole page as a scope (strategies may also be scoped to an element such as a table row). */
    static Locator root(Page page) {
        return page.locator(":root");
    }

    /** The Playwright locator of one strategy; {@code text} resolves its templates. */
    static Locator build(Locator scope, Strategy s, Function<Template, String> text) {
        String value = text.apply(s.value());
        return switch (s.kind()) {
            case ROLE -> {
                Locator.GetByRoleOptions o = new Locator.GetByRoleOptions().setExact(s.exact());
                if (s.name() != null) {
                    o.setName(text.apply(s.name()));
                }
                yield scope.getByRole(AriaRole.valueOf(value.toUpperCase(Locale.ROOT)), o);
            }
            case LABEL -> scope.getByLabel(value, new Locator.GetByLabelOptions().setExact(s.exact()));
            case TEXT -> scope.getByText(value, new Locator.GetByTextOptions().setExact(s.exact()));
            case PLACEHOLDER -> scope.getByPlaceholder(value, new Locator.GetByPlaceholderOptions().setExact(s.exact()));
            case TEST_ID -> scope.getByTestId(value);
            case CSS -> scope.locator(value);
        };
    }

    /** The first element of the first strategy that matches, or null when none does now. */
    static Locator now(Locator scope, io.rcmos.agent.flow.Locator locator, Function<Template, String> text) {
        for (Strategy s : locator.strategies()) {
            Locator l = build(scope, s, text);
            if (l.count() > 0) {
                return l.first();
            }
        }
        return null;
    }

    /** Like {@link #now}, polling until {@code timeout}; null when nothing matched in time. */
    static Locator await(Page page, Locator scope, io.rcmos.agent.flow.Locator locator,
                         Function<Template, String> text, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        while (true) {
            Locator found = now(scope, locator, text);
            if (found != null || Instant.now().isAfter(until)) {
                return found;
            }
            page.waitForTimeout(POLL.toMillis()); // lets the page's events run on this thread
        }
    }

    /** How a locator reads in messages: its strategies as written in the flow (never resolved values). */
    static String describe(io.rcmos.agent.flow.Locator locator) {
        StringBuilder out = new StringBuilder();
        for (Strategy s : locator.strategies()) {
            if (!out.isEmpty()) {
                out.append(", then ");
            }
            out.append(s.kind().key()).append(' ').append(s.value().raw());
            if (s.name() != null) {
                out.append(" named ").append(s.name().raw());
            }
        }
        return out.toString();
    }
}
