package io.rcmos.agent.flow;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated portal flow (language v0.1): what it needs ({@code inputs}, {@code secrets}), what it produces
 * ({@code outputs}), how long it may take ({@code deadline}) and its steps.
 */
public record Flow(String file, String name, String version, String portal, Purpose purpose, Duration deadline,
                   Map<String, ValueType> inputs, List<String> secrets, Map<String, Output> outputs, List<Step> steps) {

    public Flow {
        inputs = ordered(inputs);
        secrets = List.copyOf(secrets);
        outputs = ordered(outputs);
        steps = List.copyOf(steps);
    }

    /** What the flow answers. */
    public enum Purpose { ELIGIBILITY, CLAIM_STATUS }

    /**
     * A declared output: its type, the codes it may take ({@code allowed}, empty = any) and, for a
     * {@link ValueType#LIST}, the typed fields of each item.
     */
    public record Output(ValueType type, List<String> allowed, Map<String, ValueType> fields) {
        public Output {
            allowed = List.copyOf(allowed);
            fields = ordered(fields);
        }
    }

    /** An unmodifiable copy that keeps the flow's order (people read outputs and fields in the order written). */
    static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
