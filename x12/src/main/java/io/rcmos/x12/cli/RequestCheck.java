package io.rcmos.x12.cli;

import org.apache.commons.text.similarity.LevenshteinDistance;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every problem of a request file at once, before anything is bound: unknown fields (with the nearest known one),
 * missing required fields, wrong types, dates that are no dates, values outside their pattern or length. Fields are
 * named as the file names them ({@code input.subscriber.date_of_birth}), never by a Java type.
 */
final class RequestCheck {

    /** One problem: the field's dotted path, and what is wrong with it. */
    record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + " " + message;
        }
    }

    private RequestCheck() {
    }

    static List<Problem> check(JsonNode node, Class<?> type, String path) {
        List<Problem> problems = new ArrayList<>();
        object(node, type, path, problems);
        return problems;
    }

    private static void object(JsonNode node, Class<?> type, String path, List<Problem> problems) {
        if (!node.isObject()) {
            problems.add(new Problem(name(path), "must be an object"));
            return;
        }
        Map<String, RecordComponent> fields = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            fields.put(snake(c.getName()), c);
        }
        for (String name : node.propertyNames()) {
            if (!fields.containsKey(name)) {
                String near = nearest(name, fields.keySet());
                problems.add(new Problem(join(path, name), "is not a known field" + (near == null ? "" : " (did you mean " + near + "?)")));
            }
        }
        fields.forEach((name, c) -> {
            JsonNode v = node.get(name);
            String at = join(path, name);
            if (v == null || v.isNull()) {
                if (c.getAnnotatedType().isAnnotationPresent(NotNull.class)) {
                    problems.add(new Problem(at, "is required"));
                }
                return;
            }
            // constraints are type-use annotations: they are found on the component's annotated type
            value(v, c.getType(), c.getAnnotatedType(), c.getAnnotatedType(), at, problems);
        });
    }

    private static void value(JsonNode v, Class<?> type, AnnotatedType annotated, AnnotatedElement rules, String at, List<Problem> problems) {
        if (type == String.class) {
            if (!v.isString()) {
                problems.add(new Problem(at, "must be text"));
                return;
            }
            String s = v.asString();
            Size size = rules.getAnnotation(Size.class);
            if (size != null && (s.length() < size.min() || s.length() > size.max())) {
                problems.add(new Problem(at, "must be " + size.min() + " to " + size.max() + " characters"));
            }
            Pattern pattern = rules.getAnnotation(Pattern.class);
            if (pattern != null && !s.matches(pattern.regexp())) {
                problems.add(new Problem(at, "does not match the pattern " + pattern.regexp()));
            }
        } else if (type == LocalDate.class) {
            if (!v.isString()) {
                problems.add(new Problem(at, "must be a date (YYYY-MM-DD)"));
                return;
            }
            try {
                LocalDate.parse(v.asString());
            } catch (DateTimeParseException e) {
                problems.add(new Problem(at, "is not a valid date (YYYY-MM-DD)"));
            }
        } else if (type == BigDecimal.class) {
            if (!v.isNumber()) {
                problems.add(new Problem(at, "must be a number"));
                return;
            }
            DecimalMin min = rules.getAnnotation(DecimalMin.class);
            if (min != null && v.decimalValue().compareTo(new BigDecimal(min.value())) < 0) {
                problems.add(new Problem(at, "must be at least " + min.value()));
            }
        } else if (List.class.isAssignableFrom(type)) {
            if (!v.isArray()) {
                problems.add(new Problem(at, "must be a list"));
                return;
            }
            Size size = rules.getAnnotation(Size.class);
            if (size != null && (v.size() < size.min() || v.size() > size.max())) {
                problems.add(new Problem(at, "must hold " + size.min() + " to " + size.max() + " items"));
            }
            if (annotated instanceof AnnotatedParameterizedType p && p.getAnnotatedActualTypeArguments()[0].getType() instanceof Class<?> element) {
                AnnotatedType elementType = p.getAnnotatedActualTypeArguments()[0];
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i).isNull()) {
                        problems.add(new Problem(at + "[" + i + "]", "must not be null"));
                    } else {
                        value(v.get(i), element, elementType, elementType, at + "[" + i + "]", problems);
                    }
                }
            }
        } else if (type.isRecord()) {
            object(v, type, at, problems);
        } else if ((type == boolean.class || type == Boolean.class) && !v.isBoolean()) {
            problems.add(new Problem(at, "must be true or false"));
        }
    }

    /** The known name closest to a misspelled one, when it is a few edits away; else null. */
    static String nearest(String name, Collection<String> known) {
        String wanted = name.toLowerCase(Locale.ROOT).replace('-', '_');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(wanted, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(3, wanted.length() / 3)) ? best : null;
    }

    /** Edits (insertions, deletions, substitutions) from one name to the other. */
    private static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String name(String path) {
        return path.isEmpty() ? "(the request)" : path;
    }

    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
