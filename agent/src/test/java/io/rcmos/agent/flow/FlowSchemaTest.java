package io.rcmos.agent.flow;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The published schema agrees with the Java model, and every example flow is valid against it alone. */
class FlowSchemaTest {

    private static final JsonNode SCHEMA = JsonMapper.builder().build().readTree(FlowSchema.json());
    private static final Set<String> COMMON = Set.of("op", "id", "timeout", "sensitive", "allow_css_only");
    /** Record components whose YAML name differs from their snake_case name. */
    private static final Map<String, String> RENAMED = Map.of("otherwise", "else", "body", "do", "fail_on_timeout", "on_timeout",
            "until", "for");
    /** Schema fields the model folds into one component (wait's target into Until, extract's format/map into Parse). */
    private static final Map<String, Set<String>> FOLDED = Map.of(
            "wait", Set.of("locator", "state", "url", "match", "duration"),
            "extract", Set.of("format", "map"));

    @Test
    void isDraft202012AndServedAsWritten() throws IOException {
        assertThat(SCHEMA.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(FlowSchema.json()).isEqualTo(Files.readString(Path.of("src/main/resources" + FlowSchema.RESOURCE)));
    }

    @Test
    void listsExactlyTheOpsOfTheSealedStepInterface() {
        Set<String> modelOps = Arrays.stream(Step.class.getPermittedSubclasses())
                .map(c -> Step.op(c.asSubclass(Step.class))).collect(Collectors.toSet());

        assertThat(strings(SCHEMA.at("/$defs/step/properties/op/enum"))).containsExactlyInAnyOrderElementsOf(modelOps);
        assertThat(SCHEMA.get("$defs").propertyNames().stream().filter(n -> n.startsWith("op_")).map(n -> n.substring(3)))
                .containsExactlyInAnyOrderElementsOf(modelOps);
    }

    @Test
    void eachOpDeclaresTheFieldsOfItsRecord() {
        for (Class<?> type : Step.class.getPermittedSubclasses()) {
            String op = Step.op(type.asSubclass(Step.class));
            Set<String> schemaFields = new HashSet<>(SCHEMA.at("/$defs/op_" + op + "/properties").propertyNames());
            schemaFields.removeAll(COMMON);
            schemaFields.removeAll(FOLDED.getOrDefault(op, Set.of()));
            Set<String> modelFields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .filter(n -> !n.equals("info")).map(FlowSchemaTest::snake).map(n -> RENAMED.getOrDefault(n, n))
                    .collect(Collectors.toSet());

            assertThat(schemaFields).as(op).isEqualTo(modelFields);
        }
    }

    @Test
    void typesStrategiesAndConditionsMatchTheModel() {
        assertThat(strings(SCHEMA.at("/$defs/output/properties/type/enum")))
                .containsExactlyElementsOf(Arrays.stream(ValueType.values()).map(ValueType::wire).toList());
        assertThat(strings(SCHEMA.at("/$defs/type/enum")))
                .containsExactlyElementsOf(Arrays.stream(ValueType.values()).filter(t -> t != ValueType.LIST).map(ValueType::wire).toList());
        List<String> strategies = SCHEMA.at("/$defs/strategy/oneOf").valueStream().map(n -> n.at("/required/0").asString()).toList();
        assertThat(strategies).containsExactlyElementsOf(Arrays.stream(Locator.Kind.values()).map(Locator.Kind::key).toList());
        assertThat(SCHEMA.at("/$defs/condition/properties").propertyNames()).containsExactlyInAnyOrder(
                "visible", "present", "text", "url", "url_regex", "element_text", "equals", "not", "all", "any");
        assertThat(Condition.class.getPermittedSubclasses()).hasSize(9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../config/payers/availity/eligibility.yaml", "../config/payers/uhc/claim_status.yaml",
            "src/test/resources/flows/valid/every_op.yaml"})
    void everyExampleFlowIsValidAgainstTheSchemaAlone(String file) throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA);
        JsonNode flow = YAMLMapper.builder().build().readTree(Files.readString(Path.of(file)));

        assertThat(schema.validate(flow)).isEmpty();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
