package io.rcmos.server.flags;

import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.server.platform.web.InvalidParameter;
import io.rcmos.server.platform.web.Suggest;
import io.rcmos.server.security.CurrentActor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /flags} (every flag set), {@code GET /flags/{payer_id}/{purpose}} (with defaults), and
 * {@code PUT /flags/{payer_id}/{purpose}} {@code {clearinghouse_enabled, portal_enabled, prefer, human_fallback}}
 * (admins; fields left out keep their value; audited). Takes effect on the next run.
 */
@RestController
class FlagController {

    private static final Set<String> FIELDS = Set.of("clearinghouse_enabled", "portal_enabled", "prefer", "human_fallback");

    private final Flags flags;

    FlagController(Flags flags) {
        this.flags = flags;
    }

    @GetMapping("/flags")
    List<Flags.Flag> all() {
        return flags.all();
    }

    @GetMapping("/flags/{payerId}/{purpose}")
    Flags.Flag one(@PathVariable("payerId") String payerId, @PathVariable("purpose") String purpose) {
        List<FieldProblem> problems = new ArrayList<>();
        check(payerId, purpose, problems);
        InvalidParameter.throwIfAny(problems);
        return flags.get(payerId, purpose);
    }

    /** Every problem of the path and the body in one 400: unknown fields (with the nearest flag), wrong values. */
    @PutMapping("/flags/{payerId}/{purpose}")
    Flags.Flag put(@PathVariable("payerId") String payerId, @PathVariable("purpose") String purpose, @RequestBody JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        check(payerId, purpose, problems);
        if (body == null || !body.isObject()) {
            problems.add(FieldProblem.of("(body)", "must be a JSON object with clearinghouse_enabled, portal_enabled, prefer, human_fallback"));
            InvalidParameter.throwIfAny(problems);
        }
        body.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                String near = Suggest.nearest(name, FIELDS);
                problems.add(FieldProblem.of(name, "is not a flag (clearinghouse_enabled, portal_enabled, prefer, human_fallback)"
                        + (near == null ? "" : "; did you mean " + near + "?")));
            }
        });
        for (String field : List.of("clearinghouse_enabled", "portal_enabled", "human_fallback")) {
            if (body.has(field) && !body.get(field).isBoolean()) {
                problems.add(FieldProblem.of(field, "must be true or false"));
            }
        }
        if (body.has("prefer") && !(body.get("prefer").isString()
                && (body.get("prefer").asString().equals("clearinghouse") || body.get("prefer").asString().equals("portal")))) {
            problems.add(FieldProblem.of("prefer", "must be clearinghouse or portal"));
        }
        InvalidParameter.throwIfAny(problems);
        Flags.Flag current = flags.get(payerId, purpose);
        Flags.Flag next = new Flags.Flag(payerId, purpose, bool(body, "clearinghouse_enabled", current.clearinghouseEnabled()),
                bool(body, "portal_enabled", current.portalEnabled()),
                body.has("prefer") ? body.get("prefer").asString() : current.prefer(),
                bool(body, "human_fallback", current.humanFallback()));
        flags.put(next, CurrentActor.get());
        return next;
    }

    private static void check(String payerId, String purpose, List<FieldProblem> problems) {
        if (!payerId.matches("[A-Za-z0-9]{1,80}")) {
            problems.add(FieldProblem.of("payer_id", "must be 1–80 letters or digits"));
        }
        if (!purpose.equals("eligibility") && !purpose.equals("claim_status")) {
            problems.add(FieldProblem.of("purpose", "must be eligibility or claim_status"));
        }
    }

    private static boolean bool(JsonNode body, String field, boolean current) {
        return body.has(field) ? body.get(field).asBoolean() : current;
    }
}
