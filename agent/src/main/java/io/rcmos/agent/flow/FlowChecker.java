package io.rcmos.agent.flow;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The second validation pass: what the schema cannot say. It walks the steps in order with the variables in
 * scope and checks references, secrets, locator order, durations and caps, emits, step ids and reachability.
 * It reads the tree leniently, skipping shapes the schema pass has already reported.
 *
 * <p>Reachability is deliberately simple: a step is unreachable when an earlier step of the same list always ends
 * the run: {@code end}, {@code fail}, an {@code if} whose {@code then} and {@code else} both always end, or a
 * {@code retry} whose block always ends. A breakpoint never ends the run by itself (an answer lets it go on), so
 * nothing after one is unreachable. Only the first unreachable step of a list is reported.
 */
final class FlowChecker {

    /** The scope after a list of steps, and whether the list always ends the run. */
    private record Outcome(Scope scope, boolean ends) {
    }

    private final Declarations declarations;
    private final References references;
    private final LocatorRules locators;
    private final EmitRules emits;
    private final Problems problems;
    private final Map<String, TreePath> ids = new HashMap<>();

    private FlowChecker(Declarations declarations, Map<String, TreePath> definedAnywhere, Problems problems) {
        this.declarations = declarations;
        this.problems = problems;
        this.references = new References(declarations, definedAnywhere, problems);
        this.locators = new LocatorRules(references, problems);
        this.emits = new EmitRules(declarations, references, problems);
    }

    static void run(YamlNode root, Problems problems) {
        if (!(root instanceof YamlNode.Mapping flow)) {
            return;
        }
        Declarations declarations = Declarations.read(flow, problems);
        TreePath steps = TreePath.ROOT.field("steps");
        Map<String, TreePath> definedAnywhere = new HashMap<>();
        collectDefinitions(steps, flow.get("steps"), definedAnywhere);
        new FlowChecker(declarations, definedAnywhere, problems).steps(steps, flow.get("steps"), new Scope());
    }

    private Outcome steps(TreePath path, Optional<YamlNode> node, Scope scope) {
        if (node.isEmpty() || !(node.get() instanceof YamlNode.Sequence list)) {
            return new Outcome(scope, false);
        }
        TreePath endedBy = null;
        for (int i = 0; i < list.items().size(); i++) {
            TreePath at = path.index(i);
            if (endedBy != null && i > 0 && path.index(i - 1).equals(endedBy)) {
                problems.at(at, ProblemCode.UNREACHABLE_STEP, "this step can never run: " + endedBy.display() + " always ends the run");
            }
            Outcome outcome = step(at, list.items().get(i), scope);
            scope = outcome.scope();
            if (outcome.ends() && endedBy == null) {
                endedBy = at;
            }
        }
        return new Outcome(scope, endedBy != null);
    }

    private Outcome step(TreePath at, YamlNode node, Scope scope) {
        if (!(node instanceof YamlNode.Mapping step)) {
            return new Outcome(scope, false);
        }
        common(at, step);
        boolean allowCss = step.flag("allow_css_only");
        switch (step.text("op").orElse("")) {
            case "navigate" -> template(at, step, "url", scope);
            case "fill" -> fill(at, step, scope, allowCss);
            case "select" -> {
                locators.check(at.field("locator"), step.get("locator").orElse(null), scope, allowCss);
                template(at, step, "value", scope);
            }
            case "click" -> {
                locators.check(at.field("locator"), step.get("locator").orElse(null), scope, allowCss);
                within(at, step, scope);
            }
            case "wait" -> waitFor(at, step, scope, allowCss);
            case "extract" -> extract(at, step, scope, allowCss);
            case "assert" -> condition(at.field("that"), step.get("that").orElse(null), scope, allowCss);
            case "emit" -> emits.check(at, step, scope);
            case "breakpoint" -> breakpoint(at, step, scope);
            case "if" -> {
                return branch(at, step, scope, allowCss);
            }
            case "for_each" -> {
                return forEach(at, step, scope);
            }
            case "retry" -> {
                step.text("backoff").flatMap(FlowLimits::parseDuration).ifPresent(d ->
                        Durations.check(d, FlowLimits.MAX_BACKOFF, "the retry backoff", at.field("backoff"), problems));
                return steps(at.field("do"), step.get("do"), scope.copy());
            }
            case "end", "fail" -> {
                return new Outcome(scope, true);
            }
            default -> {
                // screenshot has nothing beyond its shape; an unknown op was reported by the schema pass
            }
        }
        return new Outcome(scope, false);
    }

    private void common(TreePath at, YamlNode.Mapping step) {
        step.text("id").ifPresent(id -> {
            TreePath first = ids.putIfAbsent(id, at);
            if (first != null) {
                problems.at(at.field("id"), ProblemCode.DUPLICATE_ID, "step id '" + id + "' is already used by " + first.display());
            }
        });
        step.text("timeout").flatMap(FlowLimits::parseDuration).ifPresent(d ->
                Durations.check(d, FlowLimits.MAX_STEP_TIMEOUT, "the step timeout", at.field("timeout"), problems));
    }

    private Optional<Template> template(TreePath at, YamlNode.Mapping step, String key, Scope scope) {
        return step.text(key).flatMap(raw -> references.check(at.field(key), raw, scope, false));
    }

    private void fill(TreePath at, YamlNode.Mapping step, Scope scope, boolean allowCss) {
        YamlNode locator = step.get("locator").orElse(null);
        locators.check(at.field("locator"), locator, scope, allowCss);
        Optional<Template> value = step.text("value").flatMap(raw -> references.check(at.field("value"), raw, scope, true));
        Optional<References.Resolved> resolved = value.flatMap(v -> references.single(v, scope));
        boolean secret = step.get("secret").map(n -> n instanceof YamlNode.Scalar s && Boolean.TRUE.equals(s.value()))
                .orElseGet(() -> LocatorRules.looksSecret(locator));
        boolean unresolvedRef = value.flatMap(Template::singleRef).isPresent() && resolved.isEmpty();
        if (secret && value.isPresent() && !unresolvedRef && !resolved.map(References.Resolved::isSecretGrade).orElse(false)) {
            problems.at(at.field("value"), ProblemCode.LITERAL_SECRET, "this field takes a secret; fill it from exactly one "
                    + "${secrets.NAME}, ${totp.code} or breakpoint answer, never from literal text or inputs "
                    + "(set secret: false if the field is not secret)");
        }
        step.text("format").ifPresent(format -> {
            if (dateFormat(at.field("format"), format) && resolved.isPresent() && resolved.get().type() != ValueType.DATE) {
                problems.at(at.field("format"), ProblemCode.TYPE_MISMATCH, "format applies to a date value, but "
                        + value.get().raw() + " is " + resolved.get().type().wire());
            }
        });
    }

    private void within(TreePath at, YamlNode.Mapping step, Scope scope) {
        step.text("within").flatMap(raw -> references.check(at.field("within"), raw, scope, false))
                .flatMap(t -> references.single(t, scope))
                .filter(r -> r.var().map(v -> v.kind() != Scope.Kind.ROW).orElse(true))
                .ifPresent(r -> problems.at(at.field("within"), ProblemCode.TYPE_MISMATCH,
                        "within names the row of an enclosing for_each; " + step.text("within").get() + " is not one"));
    }

    private void waitFor(TreePath at, YamlNode.Mapping step, Scope scope, boolean allowCss) {
        String kind = step.text("for").orElse("");
        Map<String, List<String>> fieldsOf = Map.of("element", List.of("locator", "state"), "url", List.of("url", "match"),
                "duration", List.of("duration"), "network_idle", List.of());
        if (!fieldsOf.containsKey(kind)) {
            return;
        }
        for (String field : List.of("locator", "state", "url", "match", "duration")) {
            if (step.get(field).isPresent() && !fieldsOf.get(kind).contains(field)) {
                problems.atKey(at, field, ProblemCode.BAD_VALUE, "'" + field + "' does not apply to wait for: " + kind);
            }
        }
        String needed = switch (kind) {
            case "element" -> "locator";
            case "url" -> "url";
            case "duration" -> "duration";
            default -> null;
        };
        if (needed != null && step.get(needed).isEmpty()) {
            problems.at(at, ProblemCode.MISSING_FIELD, "missing field '" + needed + "': wait for: " + kind + " needs it");
        }
        if (kind.equals("element")) {
            locators.check(at.field("locator"), step.get("locator").orElse(null), scope, allowCss);
        }
        if (kind.equals("url")) {
            Optional<Template> url = template(at, step, "url", scope);
            if (url.isPresent() && step.text("match").orElse("glob").equals("regex")) {
                regex(at.field("url"), url.get());
            }
        }
        step.text("duration").flatMap(FlowLimits::parseDuration).ifPresent(d ->
                Durations.check(d, FlowLimits.MAX_WAIT, "the wait", at.field("duration"), problems));
    }

    private void extract(TreePath at, YamlNode.Mapping step, Scope scope, boolean allowCss) {
        locators.check(at.field("locator"), step.get("locator").orElse(null), scope, allowCss);
        within(at, step, scope);
        String kind = step.text("kind").orElse("");
        Optional<String> into = step.text("into");
        into.ifPresent(name -> variableName(at.field("into"), name, scope));
        if (kind.equals("table")) {
            for (String field : List.of("attribute", "parse", "format", "map")) {
                if (step.get(field).isPresent()) {
                    problems.atKey(at, field, ProblemCode.BAD_VALUE, "'" + field + "' does not apply to kind: table; columns have their own parse");
                }
            }
            if (step.get("columns").isEmpty()) {
                problems.at(at, ProblemCode.MISSING_FIELD, "missing field 'columns': a table extract names its columns");
            }
            Map<String, ValueType> columns = columns(at.field("columns"), step.sequence("columns"));
            into.ifPresent(name -> scope.define(name, new Scope.Var(Scope.Kind.ROWS, ValueType.LIST, columns, Set.of(), at)));
            return;
        }
        if (step.get("columns").isPresent()) {
            problems.atKey(at, "columns", ProblemCode.BAD_VALUE, "'columns' applies only to kind: table");
        }
        if (kind.equals("attribute") && step.get("attribute").isEmpty()) {
            problems.at(at, ProblemCode.MISSING_FIELD, "missing field 'attribute': kind: attribute names the attribute to read");
        }
        if (kind.equals("text") && step.get("attribute").isPresent()) {
            problems.atKey(at, "attribute", ProblemCode.BAD_VALUE, "'attribute' applies only to kind: attribute");
        }
        ValueType type = parser(at, step);
        Set<String> codes = step.mapping("map").map(m -> m.entries().values().stream()
                .flatMap(e -> Declarations.text(e.value()).stream()).collect(Collectors.toCollection(LinkedHashSet::new)))
                .orElse(new LinkedHashSet<>());
        into.ifPresent(name -> scope.define(name, new Scope.Var(Scope.Kind.VALUE, type, Map.of(), codes, at)));
    }

    private Map<String, ValueType> columns(TreePath path, Optional<YamlNode.Sequence> list) {
        Map<String, ValueType> columns = new LinkedHashMap<>();
        if (list.isEmpty()) {
            return columns;
        }
        for (int i = 0; i < list.get().items().size(); i++) {
            if (list.get().items().get(i) instanceof YamlNode.Mapping column) {
                TreePath at = path.index(i);
                ValueType type = parser(at, column);
                column.text("name").ifPresent(name -> {
                    if (columns.put(name, type) != null) {
                        problems.at(at.field("name"), ProblemCode.BAD_VALUE, "column name '" + name + "' is used twice");
                    }
                });
            }
        }
        return columns;
    }

    /** The type a parse/format/map trio produces, reporting a format or map where it does not apply. */
    private ValueType parser(TreePath at, YamlNode.Mapping node) {
        ValueType type = node.text("parse").flatMap(ValueType::of).orElse(ValueType.TEXT);
        Optional<String> format = node.text("format");
        if (type == ValueType.DATE && format.isEmpty()) {
            problems.at(at, ProblemCode.MISSING_FIELD, "missing field 'format': parse: date needs the page's date format, e.g. MM/dd/yyyy");
        }
        if (format.isPresent() && type != ValueType.DATE) {
            problems.atKey(at, "format", ProblemCode.BAD_FORMAT, "'format' applies only to parse: date");
        } else {
            format.ifPresent(f -> dateFormat(at.field("format"), f));
        }
        if (node.get("map").isPresent() && type != ValueType.CODE) {
            problems.atKey(at, "map", ProblemCode.BAD_VALUE, "'map' applies only to parse: code");
        }
        return type;
    }

    private boolean dateFormat(TreePath at, String format) {
        try {
            DateTimeFormatter.ofPattern(format);
            return true;
        } catch (IllegalArgumentException e) {
            problems.at(at, ProblemCode.BAD_FORMAT, "'" + format + "' is not a java.time date pattern (" + e.getMessage() + ")");
            return false;
        }
    }

    private void breakpoint(TreePath at, YamlNode.Mapping step, Scope scope) {
        step.text("prompt").ifPresent(raw -> references.check(at.field("prompt"), raw, scope, false));
        step.text("deadline").flatMap(FlowLimits::parseDuration).ifPresent(d -> {
            Durations.check(d, FlowLimits.MAX_BREAKPOINT_DEADLINE, "the breakpoint deadline", at.field("deadline"), problems);
            Optional<Duration> flow = declarations.deadline();
            if (flow.isPresent() && d.compareTo(flow.get()) > 0 && d.compareTo(FlowLimits.MAX_BREAKPOINT_DEADLINE) <= 0) {
                problems.at(at.field("deadline"), ProblemCode.TIMEOUT_ABOVE_CAP, "the breakpoint deadline " + FlowLimits.show(d)
                        + " is longer than the flow deadline " + FlowLimits.show(flow.get()));
            }
        });
        String kind = step.text("kind").orElse("");
        if ((kind.equals("mfa") || kind.equals("captcha")) && step.get("into").isEmpty()) {
            problems.at(at, ProblemCode.MISSING_FIELD, "missing field 'into': a " + kind + " breakpoint puts the person's answer into a variable");
        }
        step.text("into").ifPresent(name -> {
            variableName(at.field("into"), name, scope);
            scope.define(name, new Scope.Var(Scope.Kind.ANSWER, ValueType.TEXT, Map.of(), Set.of(), at));
        });
    }

    private Outcome branch(TreePath at, YamlNode.Mapping step, Scope scope, boolean allowCss) {
        condition(at.field("when"), step.get("when").orElse(null), scope, allowCss);
        Outcome then = steps(at.field("then"), step.get("then"), scope.copy());
        Outcome otherwise = steps(at.field("else"), step.get("else"), scope.copy());
        if (then.ends() && otherwise.ends()) {
            return new Outcome(scope, true);
        }
        if (then.ends()) {
            return new Outcome(otherwise.scope(), false);
        }
        if (otherwise.ends()) {
            return new Outcome(then.scope(), false);
        }
        return new Outcome(Scope.join(then.scope(), otherwise.scope()), false);
    }

    private Outcome forEach(TreePath at, YamlNode.Mapping step, Scope scope) {
        Map<String, ValueType> fields = Map.of();
        Optional<Template> in = template(at, step, "in", scope);
        Optional<References.Resolved> rows = in.flatMap(t -> references.single(t, scope));
        if (rows.isPresent()) {
            Optional<Scope.Var> var = rows.get().var();
            if (var.isPresent() && var.get().kind() == Scope.Kind.ROWS) {
                fields = var.get().fields();
            } else {
                problems.at(at.field("in"), ProblemCode.TYPE_MISMATCH, "for_each runs over the rows of a table extract; " + in.get().raw()
                        + " is " + var.map(References::describe).orElse("a " + rows.get().type().wire() + " value"));
            }
        }
        Scope body = scope.copy();
        Optional<String> as = step.text("as");
        if (as.isPresent()) {
            variableName(at.field("as"), as.get(), scope);
            body.define(as.get(), new Scope.Var(Scope.Kind.ROW, ValueType.LIST, fields, Set.of(), at));
        }
        Outcome loop = steps(at.field("do"), step.get("do"), body);
        // the body may run zero times: what it sets is only partly known afterwards
        Scope after = Scope.join(scope, loop.scope());
        as.ifPresent(name -> after.outOfScope(name, "exists only inside the for_each at " + at.display()));
        return new Outcome(after, false);
    }

    private void condition(TreePath at, YamlNode node, Scope scope, boolean allowCss) {
        if (!(node instanceof YamlNode.Mapping condition)) {
            return;
        }
        for (YamlNode.Mapping.Entry e : condition.entries().values()) {
            TreePath here = at.field(e.key());
            YamlNode value = e.value();
            switch (e.key()) {
                case "visible", "present" -> locators.check(here, value, scope, allowCss);
                case "text", "url" -> Declarations.text(value).ifPresent(raw -> references.check(here, raw, scope, false));
                case "url_regex" -> Declarations.text(value).flatMap(raw -> references.check(here, raw, scope, false))
                        .ifPresent(t -> regex(here, t));
                case "element_text" -> {
                    if (value instanceof YamlNode.Mapping m) {
                        locators.check(here.field("locator"), m.get("locator").orElse(null), scope, allowCss);
                        m.text("matches").ifPresent(raw -> regex(here.field("matches"), new Template(raw, List.of(new Template.Literal(raw)))));
                    }
                }
                case "equals" -> {
                    if (value instanceof YamlNode.Mapping m) {
                        m.text("value").ifPresent(raw -> references.check(here.field("value"), raw, scope, false));
                    }
                }
                case "not" -> condition(here, value, scope, allowCss);
                case "all", "any" -> {
                    if (value instanceof YamlNode.Sequence list) {
                        for (int i = 0; i < list.items().size(); i++) {
                            condition(here.index(i), list.items().get(i), scope, allowCss);
                        }
                    }
                }
                default -> {
                    // reported by the schema pass
                }
            }
        }
    }

    /** Compiles a regular expression, references stood in for by a plain word. */
    private void regex(TreePath at, Template template) {
        StringBuilder probe = new StringBuilder();
        template.parts().forEach(p -> probe.append(p instanceof Template.Literal l ? l.text() : "x"));
        try {
            Pattern.compile(probe.toString());
        } catch (PatternSyntaxException e) {
            problems.at(at, ProblemCode.BAD_PATTERN, "not a valid regular expression: " + e.getDescription()
                    + " near position " + (e.getIndex() + 1));
        }
    }

    private void variableName(TreePath at, String name, Scope scope) {
        if (References.isNamespace(name)) {
            problems.at(at, ProblemCode.BAD_VALUE, "'" + name + "' is reserved for ${" + name + ".…}; choose another variable name");
        } else if (scope.get(name).filter(v -> v.kind() == Scope.Kind.ROW).isPresent()) {
            problems.at(at, ProblemCode.BAD_VALUE, "'" + name + "' is the row of an enclosing for_each; choose another name");
        }
    }

    /** Variable names set anywhere in the flow, so "used before it is set" can be told apart from "never set". */
    private static void collectDefinitions(TreePath path, Optional<YamlNode> node, Map<String, TreePath> out) {
        if (node.isEmpty() || !(node.get() instanceof YamlNode.Sequence list)) {
            return;
        }
        for (int i = 0; i < list.items().size(); i++) {
            if (list.items().get(i) instanceof YamlNode.Mapping step) {
                TreePath at = path.index(i);
                String op = step.text("op").orElse("");
                if (List.of("extract", "breakpoint").contains(op)) {
                    step.text("into").ifPresent(name -> out.putIfAbsent(name, at));
                }
                for (String block : List.of("then", "else", "do")) {
                    collectDefinitions(at.field(block), step.get(block), out);
                }
            }
        }
    }
}
