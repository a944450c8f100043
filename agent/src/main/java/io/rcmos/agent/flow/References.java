package io.rcmos.agent.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the {@code ${...}} references of one template against the header's declarations and the variables in
 * scope, and tells the type of a template that is a single reference. Secrets and TOTP codes are accepted only
 * where the caller says so (a fill value): anywhere else they would leak into URLs, logs or outputs.
 */
final class References {

    /** Where a single reference's value comes from. */
    enum Source { INPUT, SECRET, TOTP, PORTAL, VARIABLE, ROW_FIELD }

    /** A template that is exactly one resolved reference: its type, source and (for variables) the variable. */
    record Resolved(ValueType type, Source source, Optional<Scope.Var> var) {

        /** Whether this value may go into a secret field: a secret, a TOTP code or a person's answer. */
        boolean isSecretGrade() {
            return source == Source.SECRET || source == Source.TOTP
                    || var.map(v -> v.kind() == Scope.Kind.ANSWER).orElse(false);
        }
    }

    private static final List<String> NAMESPACES = List.of("input", "secrets", "totp", "portal");

    private final Declarations declarations;
    private final Map<String, TreePath> definedAnywhere;
    private final Problems problems;

    References(Declarations declarations, Map<String, TreePath> definedAnywhere, Problems problems) {
        this.declarations = declarations;
        this.definedAnywhere = definedAnywhere;
        this.problems = problems;
    }

    static boolean isNamespace(String name) {
        return NAMESPACES.contains(name);
    }

    /**
     * Checks the template at {@code path}; returns the parsed template (empty when malformed) and reports every
     * bad reference.
     */
    Optional<Template> check(TreePath path, String raw, Scope scope, boolean secretsAllowed) {
        Template template;
        try {
            template = Template.parse(raw);
        } catch (Template.Malformed e) {
            problems.at(path, ProblemCode.BAD_TEMPLATE, e.getMessage());
            return Optional.empty();
        }
        for (Template.Ref ref : template.refs()) {
            resolve(path, ref, scope, secretsAllowed);
        }
        return Optional.of(template);
    }

    /** The type of a template that is exactly one reference which resolves; empty otherwise (problems already reported). */
    Optional<Resolved> single(Template template, Scope scope) {
        return template.singleRef().flatMap(ref -> lookup(ref, scope));
    }

    private void resolve(TreePath path, Template.Ref ref, Scope scope, boolean secretsAllowed) {
        List<String> s = ref.segments();
        String root = s.get(0);
        switch (root) {
            case "input" -> named(path, ref, "input", declarations.inputNames(), "declared under inputs");
            case "secrets" -> {
                named(path, ref, "secret", declarations.secrets(), "declared under secrets");
                secretOnly(path, ref, secretsAllowed);
            }
            case "totp" -> {
                named(path, ref, "TOTP value", Set.of("code"), "available (the only one is ${totp.code})");
                secretOnly(path, ref, secretsAllowed);
            }
            case "portal" -> named(path, ref, "portal value", Set.of("base_url"), "available (the only one is ${portal.base_url})");
            default -> variable(path, ref, scope);
        }
    }

    private void named(TreePath path, Template.Ref ref, String what, Set<String> known, String where) {
        List<String> s = ref.segments();
        if (s.size() != 2 || !known.contains(s.get(1))) {
            String name = s.size() > 1 ? s.get(1) : "";
            problems.at(path, ProblemCode.UNDEFINED_VARIABLE, "${" + ref.expression() + "}: " + what + " '" + name + "' is not "
                    + where + Spelling.hint(name, known));
        }
    }

    private void secretOnly(TreePath path, Template.Ref ref, boolean secretsAllowed) {
        if (!secretsAllowed) {
            problems.at(path, ProblemCode.SECRET_MISUSE, "${" + ref.expression() + "} may only be a fill value; "
                    + "anywhere else a secret could leak into URLs, logs or outputs");
        }
    }

    private void variable(TreePath path, Template.Ref ref, Scope scope) {
        List<String> s = ref.segments();
        String name = s.get(0);
        Optional<Scope.Var> var = scope.get(name);
        if (var.isEmpty()) {
            String why = scope.partial(name).map(partly -> " " + partly)
                    .or(() -> Optional.ofNullable(definedAnywhere.get(name)).map(at -> " is used before it is set (at " + at.display() + ")"))
                    .orElse(" is not defined" + Spelling.hint(name, candidates(scope)));
            problems.at(path, ProblemCode.UNDEFINED_VARIABLE, "${" + ref.expression() + "}: '" + name + "'" + why);
            return;
        }
        if (s.size() == 1) {
            return;
        }
        Scope.Var v = var.get();
        if (v.kind() != Scope.Kind.ROW) {
            problems.at(path, ProblemCode.TYPE_MISMATCH, "${" + ref.expression() + "}: '" + name + "' is " + describe(v)
                    + " and has no fields; only a for_each row does");
        } else if (s.size() > 2 || !v.fields().containsKey(s.get(1))) {
            problems.at(path, ProblemCode.UNDEFINED_VARIABLE, "${" + ref.expression() + "}: row '" + name + "' has no field '"
                    + String.join(".", s.subList(1, s.size())) + "'" + Spelling.hint(s.get(1), v.fields().keySet()));
        }
    }

    private Optional<Resolved> lookup(Template.Ref ref, Scope scope) {
        List<String> s = ref.segments();
        return switch (s.get(0)) {
            case "input" -> s.size() == 2 ? Optional.ofNullable(declarations.inputs().get(s.get(1)))
                    .map(t -> new Resolved(t, Source.INPUT, Optional.empty())) : Optional.empty();
            case "secrets" -> s.size() == 2 && declarations.secrets().contains(s.get(1))
                    ? Optional.of(new Resolved(ValueType.TEXT, Source.SECRET, Optional.empty())) : Optional.empty();
            case "totp" -> s.equals(List.of("totp", "code"))
                    ? Optional.of(new Resolved(ValueType.TEXT, Source.TOTP, Optional.empty())) : Optional.empty();
            case "portal" -> s.equals(List.of("portal", "base_url"))
                    ? Optional.of(new Resolved(ValueType.TEXT, Source.PORTAL, Optional.empty())) : Optional.empty();
            default -> scope.get(s.get(0)).flatMap(v -> {
                if (s.size() == 1) {
                    return Optional.of(new Resolved(v.type(), Source.VARIABLE, Optional.of(v)));
                }
                ValueType field = v.kind() == Scope.Kind.ROW && s.size() == 2 ? v.fields().get(s.get(1)) : null;
                return Optional.ofNullable(field).map(t -> new Resolved(t, Source.ROW_FIELD, Optional.empty()));
            });
        };
    }

    private static List<String> candidates(Scope scope) {
        List<String> out = new ArrayList<>(scope.names());
        out.addAll(NAMESPACES);
        return out;
    }

    static String describe(Scope.Var v) {
        return switch (v.kind()) {
            case ROWS -> "a list of rows";
            case ROW -> "a row";
            case ANSWER -> "a breakpoint answer";
            case VALUE -> "a " + v.type().wire() + " value";
        };
    }
}
