package io.rcmos.agent.flow;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The published JSON Schema (draft 2020-12) of the flow language, v0.1. It describes the shape of a flow;
 * {@link FlowValidator} runs it as its first pass and then checks what a schema cannot express (variables,
 * secrets, locator order, reachability, caps, emit types).
 */
public final class FlowSchema {

    /** Classpath location of the schema file. */
    public static final String RESOURCE = "/io/rcmos/agent/flow/flow-v0.1.schema.json";

    private static final String JSON = load();
    private static final JsonNode TREE = JsonMapper.builder().build().readTree(JSON);

    private FlowSchema() {
    }

    /** The schema as JSON text, e.g. to serve at {@code /schemas}. */
    public static String json() {
        return JSON;
    }

    /** The schema as a tree (shared; do not modify). */
    static JsonNode tree() {
        return TREE;
    }

    private static String load() {
        try (InputStream in = FlowSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
