package io.rcmos.server.platform;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which concerns run on embedded engines and which on external ones, as configured. */
@Component
public class Engines {

    private final Map<String, Boolean> external = new LinkedHashMap<>();

    public Engines(Environment env) {
        external.putAll(externals(env));
    }

    private static Map<String, Boolean> externals(Environment env) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        out.put("database", isSet(env, "rcm.database.url"));
        out.put("temporal", isSet(env, "rcm.temporal.address"));
        out.put("events", isSet(env, "rcm.events.redis-url"));
        out.put("artifacts", isSet(env, "rcm.artifacts.s3-endpoint"));
        return out;
    }

    /** For conditions evaluated before beans exist. */
    public static boolean allEmbedded(Environment env) {
        return externals(env).values().stream().noneMatch(Boolean::booleanValue);
    }

    private static boolean isSet(Environment env, String key) {
        String value = env.getProperty(key);
        return value != null && !value.isBlank();
    }

    /** {@code embedded} or {@code external} per concern, for {@code /info}. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        external.forEach((k, v) -> out.put(k, v ? "external" : "embedded"));
        return out;
    }

    /** True when every engine is embedded: a developer or demo instance, never a production one. */
    public boolean allEmbedded() {
        return external.values().stream().noneMatch(Boolean::booleanValue);
    }
}
