package io.rcmos.agent.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a flow tree that passed validation without errors into the typed {@link Flow}. It trusts the validator:
 * every required field is there with the right shape, so it reads without checking.
 */
final class FlowCompiler {

    private final String file;

    private FlowCompiler(String file) {
        this.file = file;
    }

    static Flow compile(String file, YamlNode.Mapping root) {
        return new FlowCompiler(file).flow(root);
    }

    private Flow flow(YamlNode.Mapping root) {
        Map<String, ValueType> inputs = new LinkedHashMap<>();
        root.mapping("inputs").ifPresent(m -> m.entries().forEach((k, e) -> inputs.put(k, type(text(e.value())))));
        List<String> secrets = root.sequence("secrets").map(s -> s.items().stream().map(FlowCompiler::text).toList()).orElse(List.of());
        Map<String, Flow.Output> outputs = new LinkedHashMap<>();
        root.mapping("outputs").ifPresent(m -> m.entries().forEach((k, e) -> outputs.put(k, output((YamlNode.Mapping) e.value()))));
        return new Flow(file, str(root, "flow"), str(root, "version"), str(root, "portal"),
                Flow.Purpose.valueOf(upper(str(root, "purpose"))), duration(str(root, "deadline")),
                inputs, secrets, outputs, steps(TreePath.ROOT.field("steps"), root.sequence("steps")));
    }

    private static Flow.Output output(YamlNode.Mapping m) {
        List<String> allowed = m.sequence("enum").map(s -> s.items().stream().map(FlowCompiler::text).toList()).orElse(List.of());
        Map<String, ValueType> fields = new LinkedHashMap<>();
        m.mapping("fields").ifPresent(f -> f.entries().forEach((k, e) -> fields.put(k, type(text(e.value())))));
        return new Flow.Output(type(str(m, "type")), allowed, fields);
    }

    private List<Step> steps(TreePath path, Optional<YamlNode.Sequence> list) {
        List<Step> out = new ArrayList<>();
        if (list.isPresent()) {
            for (int i = 0; i < list.get().items().size(); i++) {
                out.add(step(path.index(i), (YamlNode.Mapping) list.get().items().get(i)));
            }
        }
        return out;
    }

    private Step step(TreePath at, YamlNode.Mapping m) {
        Step.Info info = new Step.Info(m.text("id"), at.display(), m.at().line(),
                m.text("timeout").map(FlowCompiler::duration).orElse(FlowLimits.DEFAULT_STEP_TIMEOUT), m.flag("sensitive"));
        return switch (str(m, "op")) {
            case "navigate" -> new Step.Navigate(info, template(str(m, "url")));
            case "fill" -> new Step.Fill(info, locator(m.get("locator")), template(str(m, "value")), m.text("format"),
                    m.get("secret").map(n -> Boolean.TRUE.equals(((YamlNode.Scalar) n).value()))
                            .orElseGet(() -> LocatorRules.looksSecret(m.get("locator").orElseThrow())));
            case "select" -> new Step.Select(info, locator(m.get("locator")), template(str(m, "value")));
            case "click" -> new Step.Click(info, locator(m.get("locator")), m.text("within").map(FlowCompiler::variable));
            case "wait" -> new Step.Wait(info, until(m));
            case "extract" -> extract(info, m);
            case "assert" -> new Step.Assert(info, condition(m.mapping("that").orElseThrow()), m.text("message"));
            case "emit" -> emit(info, m);
            case "breakpoint" -> new Step.Breakpoint(info, Step.BreakpointKind.valueOf(upper(str(m, "kind"))), str(m, "prompt"),
                    duration(str(m, "deadline")), m.text("into"), !"continue".equals(m.text("on_timeout").orElse("fail")));
            case "if" -> new Step.If(info, condition(m.mapping("when").orElseThrow()), steps(at.field("then"), m.sequence("then")),
                    steps(at.field("else"), m.sequence("else")));
            case "for_each" -> new Step.ForEach(info, variable(str(m, "in")), str(m, "as"), steps(at.field("do"), m.sequence("do")));
            case "screenshot" -> new Step.Screenshot(info, str(m, "name"), m.flag("full_page"));
            case "retry" -> new Step.Retry(info, ((Number) ((YamlNode.Scalar) m.get("attempts").orElseThrow()).value()).intValue(),
                    m.text("backoff").map(FlowCompiler::duration).orElse(Duration.ZERO), steps(at.field("do"), m.sequence("do")));
            case "end" -> new Step.End(info);
            case "fail" -> new Step.Fail(info, str(m, "reason"));
            default -> throw new IllegalStateException("unvalidated op at " + at.display());
        };
    }

    private static Step.Until until(YamlNode.Mapping m) {
        return switch (str(m, "for")) {
            case "element" -> new Step.UntilElement(locator(m.get("locator")),
                    Step.ElementState.valueOf(upper(m.text("state").orElse("visible"))));
            case "url" -> new Step.UntilUrl(new UrlPattern(template(str(m, "url")), "regex".equals(m.text("match").orElse("glob"))));
            case "duration" -> new Step.UntilElapsed(duration(str(m, "duration")));
            default -> new Step.UntilNetworkIdle();
        };
    }

    private static Step extract(Step.Info info, YamlNode.Mapping m) {
        Step.ExtractKind kind = Step.ExtractKind.valueOf(upper(str(m, "kind")));
        List<Step.Column> columns = m.sequence("columns").map(s -> s.items().stream().map(n -> (YamlNode.Mapping) n)
                .map(c -> new Step.Column(str(c, "name"), str(c, "header"), parse(c))).toList()).orElse(List.of());
        return new Step.Extract(info, kind, locator(m.get("locator")), str(m, "into"), m.text("attribute"), parse(m), columns,
                m.text("within").map(FlowCompiler::variable));
    }

    private static Step.Parse parse(YamlNode.Mapping m) {
        Map<String, String> map = new LinkedHashMap<>();
        m.mapping("map").ifPresent(x -> x.entries().forEach((k, e) -> map.put(k, text(e.value()))));
        return new Step.Parse(m.text("parse").map(FlowCompiler::type).orElse(ValueType.TEXT), m.text("format"), Flow.ordered(map));
    }

    private static Step emit(Step.Info info, YamlNode.Mapping m) {
        Map<String, Template> values = new LinkedHashMap<>();
        m.mapping("values").orElseThrow().entries().forEach((k, e) ->
                values.put(k, template(String.valueOf(((YamlNode.Scalar) e.value()).value()))));
        return new Step.Emit(info, m.text("append_to"), Flow.ordered(values));
    }

    private static Condition condition(YamlNode.Mapping m) {
        YamlNode.Mapping.Entry e = m.entries().values().iterator().next();
        YamlNode v = e.value();
        return switch (e.key()) {
            case "visible" -> new Condition.Visible(locator(Optional.of(v)));
            case "present" -> new Condition.Present(locator(Optional.of(v)));
            case "text" -> new Condition.TextPresent(template(text(v)));
            case "url" -> new Condition.UrlMatches(new UrlPattern(template(text(v)), false));
            case "url_regex" -> new Condition.UrlMatches(new UrlPattern(template(text(v)), true));
            case "element_text" -> new Condition.ElementText(locator(((YamlNode.Mapping) v).get("locator")),
                    Pattern.compile(str((YamlNode.Mapping) v, "matches")));
            case "equals" -> new Condition.Equals(template(str((YamlNode.Mapping) v, "value")),
                    String.valueOf(((YamlNode.Scalar) ((YamlNode.Mapping) v).get("to").orElseThrow()).value()));
            case "not" -> new Condition.Not(condition((YamlNode.Mapping) v));
            case "all" -> new Condition.All(((YamlNode.Sequence) v).items().stream().map(c -> condition((YamlNode.Mapping) c)).toList());
            default -> new Condition.Any(((YamlNode.Sequence) v).items().stream().map(c -> condition((YamlNode.Mapping) c)).toList());
        };
    }

    private static Locator locator(Optional<YamlNode> node) {
        List<Locator.Strategy> strategies = new ArrayList<>();
        for (YamlNode item : ((YamlNode.Sequence) node.orElseThrow()).items()) {
            YamlNode.Mapping s = (YamlNode.Mapping) item;
            for (Locator.Kind kind : Locator.Kind.values()) {
                s.text(kind.key()).ifPresent(value -> strategies.add(new Locator.Strategy(kind, template(value),
                        s.text("name").map(FlowCompiler::template).orElse(null), s.flag("exact"))));
            }
        }
        return new Locator(strategies);
    }

    private static Template template(String raw) {
        try {
            return Template.parse(raw);
        } catch (Template.Malformed e) {
            throw new IllegalStateException("unvalidated template: " + raw, e);
        }
    }

    /** {@code ${claim_rows}} → {@code claim_rows}. */
    private static String variable(String ref) {
        return template(ref).singleRef().orElseThrow().expression();
    }

    private static ValueType type(String wire) {
        return ValueType.of(wire).orElseThrow();
    }

    private static Duration duration(String text) {
        return FlowLimits.parseDuration(text).orElseThrow();
    }

    private static String str(YamlNode.Mapping m, String key) {
        return m.text(key).orElseThrow(() -> new IllegalStateException("unvalidated field " + key));
    }

    private static String text(YamlNode node) {
        return ((YamlNode.Scalar) node).text().orElseThrow();
    }

    private static String upper(String wire) {
        return wire.toUpperCase(Locale.ROOT);
    }
}
