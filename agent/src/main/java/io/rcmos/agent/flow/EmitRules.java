package io.rcmos.agent.flow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of {@code emit}: every key is a declared output (or a field of the list output named by
 * {@code append_to}), and every value's type fits the declaration: a reference's type, a literal's spelling,
 * a mapped code's possible values against the output's enum, a rows variable's columns against a list's fields.
 */
final class EmitRules {

    private final Declarations declarations;
    private final References references;
    private final Problems problems;

    EmitRules(Declarations declarations, References references, Problems problems) {
        this.declarations = declarations;
        this.references = references;
        this.problems = problems;
    }

    void check(TreePath at, YamlNode.Mapping step, Scope scope) {
        Optional<YamlNode.Mapping> values = step.mapping("values");
        if (values.isEmpty()) {
            return;
        }
        Map<String, Flow.Output> targets = declarations.outputs();
        String owner = "outputs";
        Optional<String> appendTo = step.text("append_to");
        if (appendTo.isPresent()) {
            Flow.Output list = declarations.outputs().get(appendTo.get());
            if (list == null && declarations.outputNames().contains(appendTo.get())) {
                targets = null;
            } else if (list == null) {
                problems.atKey(at, "append_to", ProblemCode.UNDECLARED_OUTPUT, "'" + appendTo.get() + "' is not declared under outputs"
                        + Spelling.hint(appendTo.get(), declarations.outputs().keySet()));
                targets = null;
            } else if (list.type() != ValueType.LIST) {
                problems.atKey(at, "append_to", ProblemCode.TYPE_MISMATCH, "append_to needs a list output; '" + appendTo.get() + "' is "
                        + list.type().wire());
                targets = null;
            } else {
                targets = new LinkedHashMap<>();
                for (var field : list.fields().entrySet()) {
                    targets.put(field.getKey(), new Flow.Output(field.getValue(), List.of(), Map.of()));
                }
                owner = "the fields of list output '" + appendTo.get() + "'";
            }
        }
        TreePath valuesAt = at.field("values");
        for (var entry : values.get().entries().values()) {
            TreePath valueAt = valuesAt.field(entry.key());
            Flow.Output target = targets == null ? null : targets.get(entry.key());
            boolean unreadable = appendTo.isEmpty() && declarations.outputNames().contains(entry.key());
            if (targets != null && target == null && !unreadable) {
                problems.atKey(valuesAt, entry.key(), ProblemCode.UNDECLARED_OUTPUT, "'" + entry.key() + "' is not declared under "
                        + owner + Spelling.hint(entry.key(), targets.keySet()));
            }
            if (!(entry.value() instanceof YamlNode.Scalar scalar)) {
                continue;
            }
            if (scalar.value() instanceof String raw) {
                Optional<Template> template = references.check(valueAt, raw, scope, false);
                if (target != null && template.isPresent()) {
                    template(valueAt, entry.key(), target, template.get(), scope);
                }
            } else if (target != null) {
                literal(valueAt, entry.key(), target, scalar.value());
            }
        }
    }

    private void template(TreePath at, String name, Flow.Output target, Template template, Scope scope) {
        if (template.isLiteral()) {
            literal(at, name, target, template.raw());
            return;
        }
        if (template.singleRef().isEmpty()) {
            if (!target.type().accepts(ValueType.TEXT)) {
                mismatch(at, "'" + name + "' is " + target.type().wire() + " but a template mixing text and references is text");
            }
            return;
        }
        Optional<References.Resolved> resolved = references.single(template, scope);
        if (resolved.isEmpty()) {
            return;
        }
        String ref = template.raw();
        Optional<Scope.Var> var = resolved.get().var();
        if (var.isPresent() && var.get().kind() == Scope.Kind.ROWS) {
            rows(at, name, target, ref, var.get());
        } else if (var.isPresent() && var.get().kind() == Scope.Kind.ROW) {
            mismatch(at, ref + " is a whole row; emit its fields (" + ref.replace("}", ".field}") + ")");
        } else if (!target.type().accepts(resolved.get().type())) {
            mismatch(at, "'" + name + "' is " + target.type().wire() + " but " + ref + " is " + resolved.get().type().wire());
        } else if (!target.allowed().isEmpty() && var.isPresent() && !var.get().codes().isEmpty()
                && !target.allowed().containsAll(var.get().codes())) {
            mismatch(at, ref + " may be " + var.get().codes() + " but '" + name + "' allows only " + target.allowed());
        }
    }

    private void rows(TreePath at, String name, Flow.Output target, String ref, Scope.Var rows) {
        if (target.type() != ValueType.LIST) {
            mismatch(at, "'" + name + "' is " + target.type().wire() + " but " + ref + " is a list of rows");
            return;
        }
        for (var field : target.fields().entrySet()) {
            ValueType column = rows.fields().get(field.getKey());
            if (column == null) {
                mismatch(at, "the rows of " + ref + " have no column '" + field.getKey() + "' for " + name + "[]");
            } else if (!field.getValue().accepts(column)) {
                mismatch(at, "column '" + field.getKey() + "' of " + ref + " is " + column.wire() + " but " + name + "[]."
                        + field.getKey() + " is " + field.getValue().wire());
            }
        }
    }

    private void literal(TreePath at, String name, Flow.Output target, Object value) {
        String text = String.valueOf(value);
        boolean fits = switch (target.type()) {
            case TEXT -> value instanceof String;
            case CODE -> value instanceof String && (target.allowed().isEmpty() || target.allowed().contains(text));
            case MONEY, PERCENT -> !(value instanceof Boolean) && decimal(text);
            case INT -> !(value instanceof Boolean) && decimal(text) && new BigDecimal(text).stripTrailingZeros().scale() <= 0;
            case DATE -> value instanceof String && date(text);
            case LIST -> false;
        };
        if (!fits) {
            String allowed = target.type() == ValueType.CODE && !target.allowed().isEmpty() ? " (one of " + target.allowed() + ")" : "";
            mismatch(at, "'" + name + "' is " + target.type().wire() + allowed + " but the literal '" + text + "' is not");
        }
    }

    private void mismatch(TreePath at, String message) {
        problems.at(at, ProblemCode.TYPE_MISMATCH, message);
    }

    private static boolean decimal(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean date(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
