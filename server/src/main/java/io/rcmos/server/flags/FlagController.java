package io.rcmos.server.flags;

import io.rcmos.server.platform.web.InvalidParameter;
import io.rcmos.server.security.CurrentActor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

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
        check(payerId, purpose);
        return flags.get(payerId, purpose);
    }

    @PutMapping("/flags/{payerId}/{purpose}")
    Flags.Flag put(@PathVariable("payerId") String payerId, @PathVariable("purpose") String purpose, @RequestBody JsonNode body) {
        check(payerId, purpose);
        if (body == null || !body.isObject()) {
            throw new InvalidParameter("body", "must be a JSON object with clearinghouse_enabled, portal_enabled, prefer, human_fallback");
        }
        body.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                throw new InvalidParameter(name, "is not a flag (clearinghouse_enabled, portal_enabled, prefer, human_fallback)");
            }
        });
        Flags.Flag current = flags.get(payerId, purpose);
        Flags.Flag next = new Flags.Flag(payerId, purpose, bool(body, "clearinghouse_enabled", current.clearinghouseEnabled()),
                bool(body, "portal_enabled", current.portalEnabled()), prefer(body, current.prefer()),
                bool(body, "human_fallback", current.humanFallback()));
        flags.put(next, CurrentActor.get());
        return next;
    }

    private static void check(String payerId, String purpose) {
        if (!payerId.matches("[A-Za-z0-9]{1,80}")) {
            throw new InvalidParameter("payer_id", "must be 1–80 letters or digits");
        }
        if (!purpose.equals("eligibility") && !purpose.equals("claim_status")) {
            throw new InvalidParameter("purpose", "must be eligibility or claim_status");
        }
    }

    private static boolean bool(JsonNode body, String field, boolean current) {
        if (!body.has(field)) {
            return current;
        }
        if (!body.get(field).isBoolean()) {
            throw new InvalidParameter(field, "must be true or false");
        }
        return body.get(field).asBoolean();
    }

    private static String prefer(JsonNode body, String current) {
        if (!body.has("prefer")) {
            return current;
        }
        String v = body.get("prefer").isString() ? body.get("prefer").asString() : "";
        if (!v.equals("clearinghouse") && !v.equals("portal")) {
            throw new InvalidParameter("prefer", "must be clearinghouse or portal");
        }
        return v;
    }
}
