package io.rcmos.server.platform.schemas;

import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** A module's published JSON Schemas, by name ({@code eligibility_request}, {@code run}, {@code event}, …). */
public interface SchemaContributor {
    Map<String, ObjectNode> schemas();
}
