package io.rcmos.agent.flow;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class YamlReaderTest {

    @Test
    void keepsLineAndColumnOfKeysAndValues() {
        YamlReader.Result read = YamlReader.read("f.yaml", "flow: x\nsteps:\n  - op: click\n    timeout: 5s\n");

        YamlNode.Mapping root = (YamlNode.Mapping) read.root().orElseThrow();
        YamlNode.Mapping step = (YamlNode.Mapping) ((YamlNode.Sequence) root.get("steps").orElseThrow()).items().get(0);
        assertThat(read.problems()).isEmpty();
        assertThat(root.entries().get("flow").keyAt()).isEqualTo(new YamlNode.Mark(1, 1));
        assertThat(root.get("flow").orElseThrow().at()).isEqualTo(new YamlNode.Mark(1, 7));
        assertThat(step.at()).isEqualTo(new YamlNode.Mark(3, 5));
        assertThat(step.entries().get("timeout").keyAt()).isEqualTo(new YamlNode.Mark(4, 5));
        assertThat(step.get("timeout").orElseThrow().at()).isEqualTo(new YamlNode.Mark(4, 14));
    }

    @Test
    void readsScalarsWithYaml12CoreTypes() {
        YamlNode.Mapping root = (YamlNode.Mapping) YamlReader.read("f.yaml", "a: 3\nb: 2.5\nc: true\nd: on\ne: '3'\nf:\n")
                .root().orElseThrow();

        assertThat(((YamlNode.Scalar) root.get("a").orElseThrow()).value()).isEqualTo(3);
        assertThat(((YamlNode.Scalar) root.get("b").orElseThrow()).value()).isEqualTo(new BigDecimal("2.5"));
        assertThat(((YamlNode.Scalar) root.get("c").orElseThrow()).value()).isEqualTo(true);
        assertThat(root.text("d")).contains("on");
        assertThat(root.text("e")).contains("3");
        assertThat(((YamlNode.Scalar) root.get("f").orElseThrow()).value()).isNull();
    }

    @Test
    void malformedYamlIsOneProblemWithItsPosition() {
        YamlReader.Result read = YamlReader.read("f.yaml", "flow: x\nsteps: [\n  - a: b\n");

        assertThat(read.root()).isEmpty();
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.MALFORMED_YAML);
            assertThat(p.file()).isEqualTo("f.yaml");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).contains("found '-'");
        });
    }

    @Test
    void reportsEmptyFilesSecondDocumentsDuplicateKeysAndAliases() {
        assertThat(YamlReader.read("f.yaml", "").problems()).extracting(Problem::code).containsExactly(ProblemCode.MALFORMED_YAML);
        assertThat(YamlReader.read("f.yaml", "a: 1\n---\nb: 2\n").problems())
                .extracting(p -> p.line() + ":" + p.code().code()).containsExactly("3:malformed_yaml");

        YamlReader.Result read = YamlReader.read("f.yaml", "a: &x 1\nb: *x\na: 2\n");
        assertThat(read.problems()).extracting(p -> p.line() + ":" + p.column() + ":" + p.code().code())
                .containsExactly("2:4:malformed_yaml", "3:1:duplicate_key");
        assertThat(((YamlNode.Mapping) read.root().orElseThrow()).get("a").map(n -> ((YamlNode.Scalar) n).value())).contains(2);
    }
}
