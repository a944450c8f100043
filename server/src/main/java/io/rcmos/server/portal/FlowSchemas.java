package io.rcmos.server.portal;

import io.rcmos.agent.flow.FlowSchema;
import io.rcmos.server.platform.schemas.SchemaContributor;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** Publishes the portal flow language's JSON Schema (kept in the agent module) at {@code /schemas/portal_flow}. */
@Component
class FlowSchemas implements SchemaContributor {

    private final ObjectNode schema;

    FlowSchemas(JsonMapper json) {
        this.schema = (ObjectNode) json.readTree(FlowSchema.json());
    }

    @Override
    public Map<String, ObjectNode> schemas() {
        return Map.of("portal_flow", schema);
    }
}
