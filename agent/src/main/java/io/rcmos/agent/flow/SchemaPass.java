package io.rcmos.agent.flow;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The first validation pass: the flow against {@link FlowSchema} (networknt), each schema error turned into a
 * {@link Problem} with a stable code and a plain message at the offending node. Errors inside a locator
 * strategy collapse to one {@code bad_selector} per strategy.
 */
final class SchemaPass {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(FlowSchema.tree());
    private static final List<String> KEYWORD_PRIORITY =
            List.of("type", "additionalProperties", "enum", "dependentRequired", "required", "oneOf");
    private static final String STRATEGY_KEYS = "role (+ name, exact), label, text, placeholder, test_id, css";

    private SchemaPass() {
    }

    static void run(YamlNode root, Problems problems) {
        JsonNode document = JSON.valueToTree(root.plain());
        List<Error> errors = new ArrayList<>(SCHEMA.validate(document));
        errors.sort(Comparator.comparingInt(SchemaPass::priority));
        Set<String> seen = new HashSet<>();
        for (Error error : errors) {
            report(error, root, problems, seen);
        }
    }

    private static int priority(Error e) {
        int i = KEYWORD_PRIORITY.indexOf(e.getKeyword());
        return i < 0 ? KEYWORD_PRIORITY.size() : i;
    }

    private static void report(Error e, YamlNode root, Problems problems, Set<String> seen) {
        TreePath path = treePath(e.getInstanceLocation());
        String schemaAt = e.getSchemaLocation().getFragment().toString();
        String keyword = e.getKeyword();
        JsonNode instance = e.getInstanceNode();
        if (schemaAt.contains("$defs/strategy") || schemaAt.contains("$defs/locator")) {
            if (seen.add(path + "|selector")) {
                problems.at(path, ProblemCode.BAD_SELECTOR, selectorMessage(e, instance, schemaAt));
            }
            return;
        }
        switch (keyword) {
            case "required" -> {
                if (seen.add(path + "|required|" + e.getProperty())) {
                    problems.at(path, ProblemCode.MISSING_FIELD, "missing field '" + e.getProperty() + "'" + owner(path, root));
                }
            }
            case "additionalProperties" -> {
                if (seen.add(path + "|unknown|" + e.getProperty())) {
                    List<String> known = knownFields(schemaAt);
                    problems.atKey(path, e.getProperty(), ProblemCode.UNKNOWN_FIELD, "unknown field '" + e.getProperty() + "'"
                            + owner(path, root) + Spelling.hint(e.getProperty(), known));
                }
            }
            default -> {
                if (seen.add(path + "|value")) {
                    other(e, path, root, schemaAt, instance, problems);
                }
            }
        }
    }

    private static void other(Error e, TreePath path, YamlNode root, String schemaAt, JsonNode instance, Problems problems) {
        String keyword = e.getKeyword();
        List<Object> segments = path.segments();
        boolean isOp = !segments.isEmpty() && "op".equals(segments.get(segments.size() - 1));
        if (isOp && "enum".equals(keyword)) {
            List<String> ops = strings(e.getSchemaNode());
            problems.at(path, ProblemCode.UNKNOWN_OP, "unknown op '" + text(instance) + "'" + Spelling.hint(text(instance), ops)
                    + " (ops: " + String.join(", ", ops) + ")");
        } else if ("type".equals(keyword)) {
            problems.at(path, ProblemCode.WRONG_TYPE, "expected " + expected(e.getSchemaNode(), schemaAt) + ", found " + kind(instance));
        } else if ("pattern".equals(keyword) && schemaAt.contains("$defs/duration")) {
            problems.at(path, ProblemCode.BAD_DURATION, "'" + text(instance) + "' is not a duration; write a positive number with ms, s, m or h (500ms, 10s, 5m, 1h)");
        } else {
            problems.at(path, ProblemCode.BAD_VALUE, valueMessage(e, schemaAt, instance));
        }
    }

    private static String valueMessage(Error e, String schemaAt, JsonNode instance) {
        JsonNode rule = e.getSchemaNode();
        return switch (e.getKeyword()) {
            case "enum" -> "'" + text(instance) + "' is not one of " + String.join(", ", strings(rule))
                    + Spelling.hint(text(instance), strings(rule));
            case "const" -> "must be " + rule + " here";
            case "pattern" -> schemaAt.contains("$defs/var_ref")
                    ? "expected a single variable reference such as ${rows}, found '" + text(instance) + "'"
                    : "'" + text(instance) + "' is not a lower_snake_case name (" + rule.asString() + ")";
            case "minProperties", "maxProperties" -> schemaAt.contains("$defs/condition")
                    ? "a condition has exactly one of visible, present, text, url, url_regex, element_text, equals, not, all, any"
                    : "needs at least " + rule + " entr" + (rule.asInt() == 1 ? "y" : "ies");
            case "minItems" -> "needs at least " + rule + " item" + (rule.asInt() == 1 ? "" : "s");
            case "minimum" -> text(instance) + " is below the minimum " + rule;
            case "maximum" -> text(instance) + " is above the maximum " + rule;
            case "minLength" -> "must not be empty";
            case "uniqueItems" -> "items must not repeat";
            default -> e.getMessage();
        };
    }

    private static String selectorMessage(Error e, JsonNode instance, String schemaAt) {
        String keyword = schemaAt.contains("/oneOf") ? "oneOf" : e.getKeyword();
        return switch (keyword) {
            case "type" -> schemaAt.contains("$defs/locator/type")
                    ? "a locator is a list of strategies, e.g. [{label: Member ID}, {css: '#member'}]"
                    : "a strategy is a mapping with one of " + STRATEGY_KEYS;
            case "additionalProperties" -> "unknown strategy '" + e.getProperty() + "'" + Spelling.hint(e.getProperty(),
                    List.of("role", "name", "exact", "label", "text", "placeholder", "test_id", "css")) + "; use one of " + STRATEGY_KEYS;
            case "enum" -> "unknown role '" + text(instance) + "'" + Spelling.hint(text(instance), strings(e.getSchemaNode()));
            case "dependentRequired" -> "'name' only goes with 'role'";
            case "oneOf" -> "a strategy has exactly one of " + STRATEGY_KEYS + "; found "
                    + (instance != null && instance.isObject() ? String.join(", ", instance.propertyNames()) : kind(instance));
            case "minItems" -> "a locator needs at least one strategy";
            default -> "bad strategy: " + e.getMessage();
        };
    }

    /** " of fill" for a step, " in outputs.x" elsewhere, nothing at the root. */
    private static String owner(TreePath path, YamlNode root) {
        var node = path.find(root);
        if (node.isPresent() && node.get() instanceof YamlNode.Mapping m && m.text("op").isPresent()) {
            return " in " + m.text("op").get() + " step";
        }
        return path.segments().isEmpty() ? "" : " in " + path.display();
    }

    private static List<String> knownFields(String additionalPropertiesAt) {
        String parent = additionalPropertiesAt.substring(0, additionalPropertiesAt.lastIndexOf('/'));
        JsonNode properties = FlowSchema.tree().at(parent + "/properties");
        return properties.isMissingNode() ? List.of() : List.copyOf(properties.propertyNames());
    }

    private static TreePath treePath(NodePath at) {
        List<Object> segments = new ArrayList<>();
        for (int i = 0; i < at.getNameCount(); i++) {
            Object element = at.getElement(i);
            segments.add(element instanceof Number n ? (Object) n.intValue() : String.valueOf(element));
        }
        return new TreePath(segments);
    }

    private static String expected(JsonNode typeRule, String schemaAt) {
        if (schemaAt.contains("$defs/step/type")) {
            return "a step (a mapping with an op, e.g. {op: click, locator: [...]})";
        }
        if (schemaAt.contains("$defs/steps/type")) {
            return "a list of steps";
        }
        String types = typeRule.isArray() ? strings(typeRule).stream().collect(Collectors.joining(" or ")) : typeRule.asString();
        return types.replace("object", "a mapping").replace("array", "a list").replace("string", "text");
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isString()) {
            return "text '" + node.asString() + "'";
        }
        return node.isBoolean() ? "a boolean" : "a number";
    }

    private static String text(JsonNode node) {
        return node == null ? "" : node.isString() ? node.asString() : node.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
