package io.rcmos.server.platform.schemas;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.server.platform.web.Suggest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;

/**
 * JSON Schemas generated from the Java types the API binds (so the published schema and the binding cannot
 * drift), and validation of incoming JSON against them with field-level problems.
 *
 * <p>Conventions: draft 2020-12; snake_case property names; optional properties accept {@code null};
 * {@code @NotNull} makes a property required; unknown properties are rejected; {@code LocalDate} is a
 * {@code format: date} string and formats are asserted.
 */
public final class JsonSchemas {

    private static final SchemaGenerator GENERATOR = generator();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(com.networknt.schema.SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private JsonSchemas() {
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.NULLABLE_FIELDS_BY_DEFAULT,
                        Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forFields().withPropertyNameOverrideResolver(field -> snake(field.getDeclaredName()));
        return new SchemaGenerator(config.build());
    }

    /** The schema of a (possibly generic) Java type, e.g. {@code generate(RunSubmission.class, EligibilityRequest.class)}. */
    public static ObjectNode generate(Type type, Type... typeParameters) {
        ObjectNode schema = GENERATOR.generateSchema(type, typeParameters);
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        return schema;
    }

    /** A compiled validator for a generated schema. */
    public static Validator validator(ObjectNode schema) {
        return new Validator(REGISTRY.getSchema(schema), schema);
    }

    /** Validates JSON trees; problems name the field as a dotted path ({@code input.subscriber.date_of_birth}). */
    public static final class Validator {
        private final Schema schema;
        private final JsonNode source;

        private Validator(Schema schema, JsonNode source) {
            this.schema = schema;
            this.source = source;
        }

        /** Every problem of the document (not the first only), each naming its field; unknown fields suggest a near known one. */
        public List<FieldProblem> validate(JsonNode node) {
            List<com.networknt.schema.Error> errors = schema.validate(node);
            // one problem a field: a combinator's summary (anyOf, oneOf: "a nullable object") says less than the
            // problem found inside it, so it is dropped when the field or one under it has another
            java.util.Map<String, FieldProblem> byField = new java.util.LinkedHashMap<>();
            for (com.networknt.schema.Error e : errors) {
                String field = fieldOf(e);
                if (COMBINATORS.contains(e.getKeyword()) && errors.stream().anyMatch(o -> !COMBINATORS.contains(o.getKeyword())
                        && (fieldOf(o).equals(field) || under(fieldOf(o), field)))) {
                    continue;
                }
                // a nullable object's "not null" branch: the object is there, and the problem is inside it
                if ("type".equals(e.getKeyword()) && errors.stream().anyMatch(o -> under(fieldOf(o), field))) {
                    continue;
                }
                byField.putIfAbsent(field, FieldProblem.of(field, "additionalProperties".equals(e.getKeyword())
                        ? Suggest.unknownField(e.getProperty(), knownProperties(e)) : messageOf(e)));
            }
            return List.copyOf(byField.values());
        }

        private static boolean under(String path, String parent) {
            return "(body)".equals(parent) ? !"(body)".equals(path) : path.startsWith(parent + ".") || path.startsWith(parent + "[");
        }

        private static final java.util.Set<String> COMBINATORS = java.util.Set.of("anyOf", "oneOf", "allOf");

        /** The properties of the object schema an unknown property was found in (none when it cannot be told). */
        private List<String> knownProperties(com.networknt.schema.Error e) {
            try {
                com.networknt.schema.path.NodePath at = e.getSchemaLocation().getFragment().getParent();
                JsonNode parent = source;
                for (int i = 0; i < at.getNameCount() && parent != null; i++) {
                    Object element = at.getElement(i);
                    parent = element instanceof Integer index ? parent.get(index) : parent.get(String.valueOf(element));
                }
                List<String> names = new java.util.ArrayList<>();
                if (parent != null && parent.path("properties").isObject()) {
                    parent.get("properties").propertyNames().forEach(names::add);
                }
                return names;
            } catch (RuntimeException ex) {
                return List.of();
            }
        }

        private static String fieldOf(com.networknt.schema.Error e) {
            String field = dotted(e.getInstanceLocation().toString());
            if (e.getProperty() != null && ("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword()))) {
                field = field.isEmpty() ? e.getProperty() : field + "." + e.getProperty();
            }
            return field.isEmpty() ? "(body)" : field;
        }

        private static String messageOf(com.networknt.schema.Error e) {
            return switch (e.getKeyword()) {
                case "required" -> "is required";
                case "additionalProperties" -> "is not a known field";
                case "type" -> "has the wrong type (expected " + e.getSchemaNode() + ")";
                case "format" -> "is not a valid " + e.getSchemaNode().asString();
                case "pattern" -> "does not match the pattern " + e.getSchemaNode().asString();
                case "enum" -> "must be one of " + e.getSchemaNode();
                case "minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum" ->
                        "violates " + e.getKeyword() + " " + e.getSchemaNode();
                case "const" -> "must be " + e.getSchemaNode();
                default -> e.getKeyword() + " constraint violated";
            };
        }
    }

    /** {@code /input/service_type_codes/0} or {@code $.input.x} → {@code input.service_type_codes[0]} / {@code input.x}. */
    static String dotted(String location) {
        if (location.startsWith("$")) {
            String rest = location.substring(1);
            return rest.startsWith(".") ? rest.substring(1) : rest;
        }
        StringBuilder out = new StringBuilder();
        for (String segment : location.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    /** {@code dateOfBirth} → {@code date_of_birth}. */
    public static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
