package io.rcmos.agent.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the problems of one file, placing each at its node's (or key's) line and column. */
final class Problems {

    private final String file;
    private final YamlNode root;
    private final Set<Problem> found = new LinkedHashSet<>();

    Problems(String file, YamlNode root) {
        this.file = file;
        this.root = root;
    }

    String file() {
        return file;
    }

    /** A problem about the node at {@code path} (or its nearest existing ancestor). */
    void at(TreePath path, ProblemCode code, String message) {
        at(markOf(path), path, code, message);
    }

    /** A problem about a key of the mapping at {@code path}, placed on the key itself. */
    void atKey(TreePath path, String key, ProblemCode code, String message) {
        YamlNode.Mark mark = path.find(root)
                .filter(n -> n instanceof YamlNode.Mapping m && m.entries().containsKey(key))
                .map(n -> ((YamlNode.Mapping) n).entries().get(key).keyAt())
                .orElseGet(() -> markOf(path));
        at(mark, path.field(key), code, message);
    }

    void add(Problem problem) {
        found.add(problem);
    }

    void at(YamlNode.Mark mark, TreePath path, ProblemCode code, String message) {
        found.add(new Problem(file, mark.line(), mark.column(), path.display(), code, message));
    }

    private YamlNode.Mark markOf(TreePath path) {
        List<Object> segments = new ArrayList<>(path.segments());
        while (true) {
            var node = new TreePath(segments).find(root);
            if (node.isPresent()) {
                return node.get().at();
            }
            if (segments.isEmpty()) {
                return new YamlNode.Mark(1, 1);
            }
            segments.remove(segments.size() - 1);
        }
    }

    boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }

    /** Every problem, in file order. */
    List<Problem> sorted() {
        return found.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .toList();
    }
}
