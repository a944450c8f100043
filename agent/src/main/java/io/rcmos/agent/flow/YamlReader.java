package io.rcmos.agent.flow;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML into {@link YamlNode}s with positions, through Jackson's streaming YAML parser (SnakeYAML Engine
 * underneath, YAML 1.2 core schema: {@code on}/{@code yes} stay text). Malformed input becomes one
 * {@code malformed_yaml} problem, never an exception. Duplicate keys are reported (the later value wins) and
 * anchors/aliases are refused: a flow should read top to bottom.
 */
final class YamlReader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** The tree (absent when the file is not YAML) and the problems found while reading. */
    record Result(Optional<YamlNode> root, List<Problem> problems) {
    }

    private final String file;
    private final List<Problem> problems = new ArrayList<>();

    private YamlReader(String file) {
        this.file = file;
    }

    static Result read(String file, String text) {
        return new YamlReader(file).run(text);
    }

    private Result run(String text) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problem(1, 1, TreePath.ROOT, ProblemCode.MALFORMED_YAML, "the file is empty");
                return new Result(Optional.empty(), problems);
            }
            YamlNode root = node(parser, TreePath.ROOT);
            if (parser.nextToken() != null) {
                TokenStreamLocation at = parser.currentTokenLocation();
                problem(at.getLineNr(), at.getColumnNr(), TreePath.ROOT, ProblemCode.MALFORMED_YAML,
                        "a flow file holds one YAML document; found a second");
                return new Result(Optional.empty(), problems);
            }
            return new Result(Optional.of(root), problems);
        } catch (JacksonException e) {
            problems.clear();
            malformed(e);
            return new Result(Optional.empty(), problems);
        }
    }

    /**
     * One problem for unreadable YAML. SnakeYAML's marks say more than Jackson's location: the context mark is
     * where the broken construct starts (an unclosed quote), the problem mark where reading failed.
     */
    private void malformed(JacksonException e) {
        if (e.getCause() instanceof MarkedYamlEngineException yaml) {
            Optional<Mark> mark = yaml.getContextMark().or(yaml::getProblemMark);
            String context = yaml.getContext() == null ? "" : " " + yaml.getContext();
            problem(mark.map(m -> m.getLine() + 1).orElse(1), mark.map(m -> m.getColumn() + 1).orElse(1), TreePath.ROOT,
                    ProblemCode.MALFORMED_YAML, "not valid YAML: " + yaml.getProblem() + context);
            return;
        }
        TokenStreamLocation at = e.getLocation();
        int line = at == null || at.getLineNr() < 1 ? 1 : at.getLineNr();
        int column = at == null || at.getColumnNr() < 1 ? 1 : at.getColumnNr();
        problem(line, column, TreePath.ROOT, ProblemCode.MALFORMED_YAML, "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }

    private YamlNode node(JsonParser parser, TreePath path) {
        YamlNode.Mark at = mark(parser);
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode.Mapping.Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String key = parser.currentName();
                YamlNode.Mark keyAt = mark(parser);
                parser.nextToken();
                YamlNode value = node(parser, path.field(key));
                if (entries.containsKey(key)) {
                    problem(keyAt.line(), keyAt.column(), path.field(key), ProblemCode.DUPLICATE_KEY,
                            "key '" + key + "' appears twice in this mapping (first at line " + entries.get(key).keyAt().line() + ")");
                    entries.remove(key);
                }
                entries.put(key, new YamlNode.Mapping.Entry(key, keyAt, value));
            }
            return new YamlNode.Mapping(entries, at);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser, path.index(items.size())));
            }
            return new YamlNode.Sequence(items, at);
        }
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problem(at.line(), at.column(), path, ProblemCode.MALFORMED_YAML, "anchors and aliases are not supported in flows; write the value out");
        }
        return new YamlNode.Scalar(scalar(parser, token), at);
    }

    private static Object scalar(JsonParser parser, JsonToken token) {
        return switch (token) {
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> parser.getString();
        };
    }

    private static YamlNode.Mark mark(JsonParser parser) {
        TokenStreamLocation at = parser.currentTokenLocation();
        return new YamlNode.Mark(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private void problem(int line, int column, TreePath path, ProblemCode code, String message) {
        problems.add(new Problem(file, line, column, path.display(), code, message));
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable input";
        }
        return message.strip().lines().findFirst().orElse(message).strip();
    }
}
