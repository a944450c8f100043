package io.rcmos.server.events;

import io.rcmos.server.platform.schemas.JsonSchemas;
import io.rcmos.server.platform.schemas.SchemaContributor;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** Publishes the event envelope's JSON Schema at {@code /schemas/event}. */
@Component
class EventSchemas implements SchemaContributor {

    @Override
    public Map<String, ObjectNode> schemas() {
        return Map.of("event", JsonSchemas.generate(EventEnvelope.class));
    }
}
