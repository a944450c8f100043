package io.rcmos.agent.flow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a flow's header declares: inputs with types, secret names, typed outputs and the run deadline. Read
 * leniently: shapes the schema pass already reported are skipped here, and the header's own rules (list outputs
 * need fields, enum only on text/code, deadline cap) are checked. An input or output whose type cannot be read
 * is still declared by name ({@code inputNames}, {@code outputNames}), so its uses are not reported a second time.
 */
record Declarations(Map<String, ValueType> inputs, Set<String> inputNames, Set<String> secrets,
                    Map<String, Flow.Output> outputs, Set<String> outputNames, Optional<Duration> deadline) {

    static Declarations read(YamlNode.Mapping root, Problems problems) {
        Map<String, ValueType> inputs = new LinkedHashMap<>();
        Set<String> inputNames = new LinkedHashSet<>();
        root.mapping("inputs").ifPresent(m -> m.entries().forEach((name, e) -> {
            inputNames.add(name);
            text(e.value()).flatMap(ValueType::of).ifPresent(t -> inputs.put(name, t));
        }));
        Set<String> secrets = new LinkedHashSet<>();
        root.sequence("secrets").ifPresent(s -> s.items().forEach(i -> text(i).ifPresent(secrets::add)));
        Map<String, Flow.Output> outputs = new LinkedHashMap<>();
        Set<String> outputNames = new LinkedHashSet<>();
        root.mapping("outputs").ifPresent(m -> m.entries().forEach((name, e) -> {
            outputNames.add(name);
            output(TreePath.ROOT.field("outputs").field(name), e.value(), problems).ifPresent(o -> outputs.put(name, o));
        }));
        Optional<Duration> deadline = root.text("deadline").flatMap(FlowLimits::parseDuration);
        deadline.ifPresent(d -> Durations.check(d, FlowLimits.MAX_FLOW_DEADLINE, "the flow deadline",
                TreePath.ROOT.field("deadline"), problems));
        return new Declarations(inputs, inputNames, secrets, outputs, outputNames, deadline);
    }

    private static Optional<Flow.Output> output(TreePath path, YamlNode node, Problems problems) {
        if (!(node instanceof YamlNode.Mapping m)) {
            return Optional.empty();
        }
        Optional<ValueType> type = m.text("type").flatMap(ValueType::of);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        List<String> allowed = m.sequence("enum").map(s -> s.items().stream().flatMap(i -> text(i).stream()).toList())
                .orElse(List.of());
        Map<String, ValueType> fields = new LinkedHashMap<>();
        m.mapping("fields").ifPresent(f -> f.entries().forEach((name, e) ->
                text(e.value()).flatMap(ValueType::of).ifPresent(t -> fields.put(name, t))));
        if (type.get() == ValueType.LIST && m.get("fields").isEmpty()) {
            problems.at(path, ProblemCode.MISSING_FIELD, "missing field 'fields': a list output declares the typed fields of its items");
        }
        if (type.get() != ValueType.LIST && m.get("fields").isPresent()) {
            problems.atKey(path, "fields", ProblemCode.BAD_VALUE, "'fields' applies only to type: list");
        }
        if (type.get() != ValueType.CODE && type.get() != ValueType.TEXT && m.get("enum").isPresent()) {
            problems.atKey(path, "enum", ProblemCode.BAD_VALUE, "'enum' applies only to type: code or text");
        }
        return Optional.of(new Flow.Output(type.get(), allowed, fields));
    }

    static Optional<String> text(YamlNode node) {
        return node instanceof YamlNode.Scalar s ? s.text() : Optional.empty();
    }
}
