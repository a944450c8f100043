package io.rcmos.server.inbox;

import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.server.platform.web.InvalidParameter;
import io.rcmos.server.platform.web.Suggest;
import io.rcmos.server.security.CurrentActor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /inbox} (filters {@code type}, {@code payer_id}, {@code status} — default open and claimed —
 * {@code run_id}, {@code limit}), {@code GET /inbox/{id}}, {@code POST /inbox/{id}/claim|release|resolve}.
 * Operators and reviewers see the tasks of their roles (admins all).
 */
@RestController
class InboxController {

    private static final List<String> RESOLUTION_FIELDS = List.of("action", "value", "note");
    private static final Set<String> STATUSES = Set.of("open", "claimed", "resolved", "expired", "canceled");

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/inbox")
    Map<String, Object> list(@RequestParam(name = "type", required = false) String type,
                             @RequestParam(name = "payer_id", required = false) String payerId,
                             @RequestParam(name = "status", required = false) List<String> status,
                             @RequestParam(name = "run_id", required = false) String runId,
                             @RequestParam(name = "limit", required = false, defaultValue = "50") String limit) {
        if (type != null && !InboxProperties.TYPES.contains(type)) {
            throw new InvalidParameter("type", "must be one of " + new java.util.TreeSet<>(InboxProperties.TYPES));
        }
        List<String> statuses = status == null || status.isEmpty() ? List.of("open", "claimed") : status;
        for (String s : statuses) {
            if (!STATUSES.contains(s)) {
                throw new InvalidParameter("status", "must be one of " + new java.util.TreeSet<>(STATUSES));
            }
        }
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 500) {
            throw new InvalidParameter("limit", "must be a whole number from 1 to 500");
        }
        return Map.of("items", inbox.list(new TaskFilter(type, payerId, statuses, runId == null ? null : uuid("run_id", runId)), CurrentActor.roles(), n));
    }

    @GetMapping("/inbox/{id}")
    InboxTask get(@PathVariable("id") String id) {
        return inbox.get(uuid("id", id), CurrentActor.roles());
    }

    @PostMapping("/inbox/{id}/claim")
    InboxTask claim(@PathVariable("id") String id) {
        return inbox.claim(uuid("id", id), CurrentActor.get(), CurrentActor.roles());
    }

    @PostMapping("/inbox/{id}/release")
    InboxTask release(@PathVariable("id") String id) {
        return inbox.release(uuid("id", id), CurrentActor.get(), CurrentActor.roles());
    }

    @PostMapping(path = "/inbox/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    InboxTask resolve(@PathVariable("id") String id, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidParameter("body", "must be a JSON object {action, value?, note?}");
        }
        // every problem of the resolution in one 400
        List<FieldProblem> problems = new ArrayList<>();
        body.propertyNames().forEach(name -> {
            if (!RESOLUTION_FIELDS.contains(name)) {
                String near = Suggest.nearest(name, RESOLUTION_FIELDS);
                problems.add(FieldProblem.of(name, "is not a field of a resolution (action, value, note)"
                        + (near == null ? "" : "; did you mean " + near + "?")));
            }
        });
        JsonNode action = body.get("action");
        if (action == null || !action.isString()) {
            problems.add(FieldProblem.of("action", "is required (a string)"));
        }
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && !note.isString()) {
            problems.add(FieldProblem.of("note", "must be a string"));
        }
        InvalidParameter.throwIfAny(problems);
        return inbox.resolve(uuid("id", id), new Inbox.Resolution(action.asString(), body.get("value"),
                note == null || note.isNull() ? null : note.asString()), CurrentActor.get(), CurrentActor.roles());
    }

    static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(field, "must be a UUID");
        }
    }
}
