package io.rcmos.agent.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a node sits in a flow: property names and list indexes from the root. Shown to people as
 * {@code steps[3].then[0].locator[1]}; the empty path is shown as {@code flow}.
 */
record TreePath(List<Object> segments) {

    static final TreePath ROOT = new TreePath(List.of());

    TreePath {
        segments = List.copyOf(segments);
    }

    TreePath field(String name) {
        return with(name);
    }

    TreePath index(int i) {
        return with(i);
    }

    private TreePath with(Object segment) {
        List<Object> next = new ArrayList<>(segments);
        next.add(segment);
        return new TreePath(next);
    }

    String display() {
        if (segments.isEmpty()) {
            return "flow";
        }
        StringBuilder out = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(s);
            }
        }
        return out.toString();
    }

    /** The node at this path, if the tree has one. */
    java.util.Optional<YamlNode> find(YamlNode root) {
        YamlNode at = root;
        for (Object s : segments) {
            if (s instanceof Integer i && at instanceof YamlNode.Sequence seq && i < seq.items().size()) {
                at = seq.items().get(i);
            } else if (s instanceof String name && at instanceof YamlNode.Mapping map && map.entries().containsKey(name)) {
                at = map.entries().get(name).value();
            } else {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(at);
    }

    @Override
    public String toString() {
        return display();
    }
}
