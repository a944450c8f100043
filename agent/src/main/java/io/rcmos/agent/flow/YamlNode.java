package io.rcmos.agent.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML node that remembers where it was written. Mappings keep their keys' positions too, so a problem about a
 * key (unknown field, duplicate key) points at the key and a problem about a value points at the value.
 */
sealed interface YamlNode {

    /** 1-based line and column of the node's first character. */
    record Mark(int line, int column) {
    }

    Mark at();

    /** The same tree as plain JSON, for the schema pass (JSON Pointers into both trees agree). */
    Object plain();

    record Scalar(Object value, Mark at) implements YamlNode {
        /** The value as text when it is a string, else empty. */
        Optional<String> text() {
            return value instanceof String s ? Optional.of(s) : Optional.empty();
        }

        @Override
        public Object plain() {
            return value;
        }
    }

    record Sequence(List<YamlNode> items, Mark at) implements YamlNode {
        @Override
        public Object plain() {
            return items.stream().map(YamlNode::plain).toList();
        }
    }

    record Mapping(Map<String, Entry> entries, Mark at) implements YamlNode {

        /** A key with its position and its value. */
        record Entry(String key, Mark keyAt, YamlNode value) {
        }

        Optional<YamlNode> get(String key) {
            return Optional.ofNullable(entries.get(key)).map(Entry::value);
        }

        Optional<String> text(String key) {
            return get(key).flatMap(n -> n instanceof Scalar s ? s.text() : Optional.empty());
        }

        Optional<Mapping> mapping(String key) {
            return get(key).flatMap(n -> n instanceof Mapping m ? Optional.of(m) : Optional.empty());
        }

        Optional<Sequence> sequence(String key) {
            return get(key).flatMap(n -> n instanceof Sequence s ? Optional.of(s) : Optional.empty());
        }

        boolean flag(String key) {
            return get(key).map(n -> n instanceof Scalar s && Boolean.TRUE.equals(s.value())).orElse(false);
        }

        @Override
        public Object plain() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value().plain()));
            return out;
        }
    }
}
