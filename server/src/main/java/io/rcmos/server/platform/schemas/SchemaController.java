package io.rcmos.server.platform.schemas;

import io.rcmos.server.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /schemas} (every published schema by name) and {@code GET /schemas/{name}} (one, as a plain JSON Schema). */
@RestController
class SchemaController {

    private final Map<String, ObjectNode> schemas = new TreeMap<>();

    SchemaController(List<SchemaContributor> contributors) {
        contributors.forEach(c -> c.schemas().forEach((name, schema) -> {
            if (schemas.putIfAbsent(name, schema) != null) {
                throw new IllegalStateException("two modules publish a schema named " + name);
            }
        }));
    }

    @GetMapping("/schemas")
    Map<String, ObjectNode> all() {
        return schemas;
    }

    @GetMapping("/schemas/{name}")
    ObjectNode one(@PathVariable String name) {
        ObjectNode schema = schemas.get(name);
        if (schema == null) {
            throw new SchemaNotFound(name);
        }
        return schema;
    }

    static final class SchemaNotFound extends ApiProblem {
        SchemaNotFound(String name) {
            super(HttpStatus.NOT_FOUND, "schema_not_found", "no schema named '" + name.replaceAll("[^a-z0-9_]", "?") + "'");
        }
    }
}
