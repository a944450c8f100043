package io.rcmos.agent.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of locators beyond their shape: semantic strategies before CSS, a CSS-only locator only when the step
 * allows it, references inside strategy values; and the heuristic that tells a secret field by its locator.
 */
final class LocatorRules {

    static final List<String> STRATEGIES = List.of("role", "label", "text", "placeholder", "test_id", "css");

    /**
     * Words that mark a field as taking a secret: passwords, passcodes, one-time/verification/security codes,
     * PINs, tokens. A bare "code" counts too (better to ask a flow for {@code secret: false} on a "ZIP code" than
     * to let an OTP be typed in from a literal).
     */
    private static final Pattern SECRET_HINT = Pattern.compile(
            "(?i)pass(word|code|phrase)|\\botp\\b|one[- ]?time|verification|security code|\\bcode\\b|\\bpin\\b|\\bmfa\\b|\\b2fa\\b|secret|token");

    private final References references;
    private final Problems problems;

    LocatorRules(References references, Problems problems) {
        this.references = references;
        this.problems = problems;
    }

    void check(TreePath path, YamlNode node, Scope scope, boolean allowCssOnly) {
        if (!(node instanceof YamlNode.Sequence list)) {
            return;
        }
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            if (!(list.items().get(i) instanceof YamlNode.Mapping strategy)) {
                continue;
            }
            TreePath at = path.index(i);
            kind(strategy).ifPresent(kinds::add);
            for (String key : List.of("name", "label", "text", "placeholder", "test_id")) {
                TreePath field = at.field(key);
                strategy.text(key).ifPresent(raw -> references.check(field, raw, scope, false));
            }
        }
        int firstCss = kinds.indexOf("css");
        if (firstCss >= 0) {
            for (int i = firstCss + 1; i < kinds.size(); i++) {
                if (!"css".equals(kinds.get(i))) {
                    problems.at(path.index(firstCss), ProblemCode.CSS_BEFORE_SEMANTIC, "css comes before the " + kinds.get(i)
                            + " strategy at position " + (i + 1) + "; list role, label, text, placeholder and test_id first, css last");
                    break;
                }
            }
        }
        if (!kinds.isEmpty() && kinds.stream().allMatch("css"::equals) && !allowCssOnly) {
            problems.at(path, ProblemCode.CSS_ONLY, "this locator has only css strategies, which break when the page is restyled; "
                    + "add a role, label, text, placeholder or test_id strategy first (or set allow_css_only: true)");
        }
    }

    /** Whether any strategy of the locator names a secret-looking field (see {@link #SECRET_HINT}). */
    static boolean looksSecret(YamlNode node) {
        if (!(node instanceof YamlNode.Sequence list)) {
            return false;
        }
        return list.items().stream()
                .filter(YamlNode.Mapping.class::isInstance)
                .flatMap(i -> ((YamlNode.Mapping) i).entries().values().stream())
                .flatMap(e -> Declarations.text(e.value()).stream())
                .anyMatch(text -> SECRET_HINT.matcher(text).find());
    }

    private static Optional<String> kind(YamlNode.Mapping strategy) {
        return STRATEGIES.stream().filter(strategy.entries()::containsKey).findFirst();
    }
}
