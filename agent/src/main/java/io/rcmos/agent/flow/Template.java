package io.rcmos.agent.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Text with {@code ${...}} references, e.g. {@code ${portal.base_url}/availity/login}. A reference is a dotted
 * lower_snake_case name: {@code input.NAME}, {@code secrets.NAME}, {@code totp.code}, {@code portal.base_url}, a
 * variable ({@code plan_name}) or a field of the current for_each row ({@code claim.status}). There is no escape
 * for a literal {@code ${}: flows do not need one.
 */
public record Template(String raw, List<Part> parts) {

    private static final Pattern EXPRESSION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    public Template {
        parts = List.copyOf(parts);
    }

    /** A piece of a template. */
    public sealed interface Part permits Literal, Ref {
    }

    /** Text taken as written. */
    public record Literal(String text) implements Part {
    }

    /** A reference; {@code segments()} of {@code input.member_id} are {@code [input, member_id]}. */
    public record Ref(String expression) implements Part {
        public List<String> segments() {
            return List.of(expression.split("\\."));
        }

        public String root() {
            return segments().get(0);
        }
    }

    /** A template that is not valid (unclosed or malformed reference). */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses {@code raw}, rejecting an unclosed {@code ${} or a reference that is not a dotted name. */
    public static Template parse(String raw) throws Malformed {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < raw.length()) {
            int open = raw.indexOf("${", at);
            if (open < 0) {
                parts.add(new Literal(raw.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(raw.substring(at, open)));
            }
            int close = raw.indexOf('}', open);
            if (close < 0) {
                throw new Malformed("'${' at position " + (open + 1) + " is never closed with '}'");
            }
            String expression = raw.substring(open + 2, close).strip();
            if (!EXPRESSION.matcher(expression).matches()) {
                throw new Malformed("'${" + expression + "}' is not a reference; write ${input.name}, ${secrets.name}, ${variable} or ${row.field}");
            }
            parts.add(new Ref(expression));
            at = close + 1;
        }
        return new Template(raw, parts);
    }

    /** The only part, when the template is exactly one reference ({@code ${secrets.password}}). */
    public Optional<Ref> singleRef() {
        return parts.size() == 1 && parts.get(0) instanceof Ref ref ? Optional.of(ref) : Optional.empty();
    }

    /** Every reference, in order. */
    public List<Ref> refs() {
        return parts.stream().filter(Ref.class::isInstance).map(Ref.class::cast).toList();
    }

    /** Whether the template has no reference at all. */
    public boolean isLiteral() {
        return refs().isEmpty();
    }
}
