package io.rcmos.server.advice;

import io.rcmos.x12.model.ClaimStatusRequest;
import io.rcmos.x12.model.EligibilityRequest;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The advice table ({@code classpath:advice/error-advice.yaml}), read once at start-up. Every entry is checked — its
 * keys, that each text is present, that each field to check is a field of a run request, that no code appears twice —
 * and a broken table stops the application with every problem named by entry number and code.
 *
 * <p>Lookup: an exact code first, then the longest family ({@code clearinghouse_http_*}) the code starts with; an
 * unknown or absent code has no advice (null).
 */
@Component
public class ErrorAdvice {

    static final String RESOURCE = "advice/error-advice.yaml";
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*(_\\*)?");
    private static final Set<String> KEYS = Set.of("code", "title", "explanation", "check_fields", "next_step", "retry_later");
    private static final Set<String> REQUEST_FIELDS = requestFields();

    private final List<Advice> all;
    private final Map<String, Advice> exact = new HashMap<>();
    /** Families by prefix, longest first. */
    private final List<Map.Entry<String, Advice>> families = new ArrayList<>();

    ErrorAdvice() {
        this(parse(RESOURCE, read(RESOURCE)));
    }

    private ErrorAdvice(List<Advice> entries) {
        this.all = List.copyOf(entries);
        for (Advice a : entries) {
            if (a.code().endsWith("*")) {
                families.add(Map.entry(a.code().substring(0, a.code().length() - 1), a));
            } else {
                exact.put(a.code(), a);
            }
        }
        families.sort(Comparator.comparingInt((Map.Entry<String, Advice> e) -> e.getKey().length()).reversed());
    }

    /** A table from YAML text (tests); the same checks as at start-up. */
    static ErrorAdvice of(String source, String yaml) {
        return new ErrorAdvice(parse(source, yaml));
    }

    /** The advice for a code, or null when the code is null or the table has no entry for it. */
    public Advice of(String code) {
        if (code == null) {
            return null;
        }
        Advice found = exact.get(code);
        if (found != null) {
            return found;
        }
        for (Map.Entry<String, Advice> family : families) {
            if (code.startsWith(family.getKey())) {
                return family.getValue();
            }
        }
        return null;
    }

    /** Every entry, in the table's order. */
    public List<Advice> all() {
        return all;
    }

    /** The table is unusable: every problem, each naming its entry. */
    static final class InvalidTable extends IllegalStateException {
        InvalidTable(String source, List<String> problems) {
            super("the error advice table " + source + " is invalid:\n  " + String.join("\n  ", problems));
        }
    }

    private static String read(String resource) {
        try (InputStream in = ErrorAdvice.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidTable(resource, List.of("the file is missing from the classpath"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Advice> parse(String source, String yaml) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(yaml);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new InvalidTable(source, List.of((at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
                    + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject() || !root.path("advice").isArray() || root.size() != 1) {
            throw new InvalidTable(source, List.of("the file must hold one key, advice, with a list of entries"));
        }
        List<String> problems = new ArrayList<>();
        List<Advice> entries = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode entry : root.get("advice")) {
            n++;
            String code = entry.path("code").isString() ? entry.get("code").asString() : null;
            String where = "entry " + n + " (" + (code == null ? "no code" : code) + "): ";
            if (!entry.isObject()) {
                problems.add(where + "must be a mapping of " + new TreeSet<>(KEYS));
                continue;
            }
            List<String> found = new ArrayList<>();
            entry.propertyNames().forEach(key -> {
                if (!KEYS.contains(key)) {
                    found.add("'" + key + "' is not a key of an entry (" + String.join(", ", new TreeSet<>(KEYS)) + ")");
                }
            });
            if (code == null || !CODE.matcher(code).matches()) {
                found.add("code must be lower-case letters, digits and underscores (a family ends in _*)");
            } else if (seen.putIfAbsent(code, n) != null) {
                found.add("code repeats entry " + seen.get(code));
            }
            String title = text(entry, "title", 80, found);
            String explanation = text(entry, "explanation", 400, found);
            String nextStep = text(entry, "next_step", 400, found);
            List<String> checkFields = new ArrayList<>();
            JsonNode fields = entry.get("check_fields");
            if (fields == null || !fields.isArray()) {
                found.add("check_fields must be a list of request fields (may be empty: [])");
            } else {
                for (JsonNode f : fields) {
                    if (!f.isString() || !REQUEST_FIELDS.contains(f.asString())) {
                        found.add("check_fields has '" + f.asString("") + "', which is not a field of a run request (e.g. input.subscriber.member_id)");
                    } else {
                        checkFields.add(f.asString());
                    }
                }
            }
            JsonNode retry = entry.get("retry_later");
            if (retry == null || !retry.isBoolean()) {
                found.add("retry_later must be true or false");
            }
            if (found.isEmpty()) {
                entries.add(new Advice(code, title, explanation, List.copyOf(checkFields), nextStep, retry.asBoolean()));
            } else {
                found.forEach(p -> problems.add(where + p));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTable(source, problems);
        }
        return entries;
    }

    private static String text(JsonNode entry, String key, int max, List<String> problems) {
        JsonNode v = entry.get(key);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            problems.add(key + " is required (text)");
            return null;
        }
        if (v.asString().length() > max) {
            problems.add(key + " must be at most " + max + " characters");
        }
        return v.asString().strip();
    }

    /** Every path of a run request ({@code payer_id}, {@code input.subscriber.member_id}, …), as the API names them. */
    private static Set<String> requestFields() {
        Set<String> out = new TreeSet<>(Set.of("purpose", "payer_id", "business_date", "route", "input"));
        collect("input", EligibilityRequest.class, out);
        collect("input", ClaimStatusRequest.class, out);
        return Set.copyOf(out);
    }

    private static void collect(String prefix, Class<?> type, Set<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String path = prefix + "." + snake(c.getName());
            out.add(path);
            Type generic = c.getGenericType();
            Class<?> element = c.getType();
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> arg) {
                element = arg;
            }
            if (element.isRecord()) {
                collect(path, element, out);
            }
        }
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
