package io.rcmos.server.inbox;

import io.rcmos.server.platform.web.InvalidParameter;
import io.rcmos.server.security.CurrentActor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/**
 * {@code GET /qa/reviews} (sampled resolved tasks; {@code status} pending by default, {@code payer_id}, {@code limit})
 * and {@code POST /qa/reviews/{id}} {@code {verdict: agree|disagree, note}} — a note is required to disagree.
 */
@RestController
class QaController {

    private final QaReviews reviews;

    QaController(QaReviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/qa/reviews")
    Map<String, Object> list(@RequestParam(name = "status", required = false, defaultValue = "pending") String status,
                             @RequestParam(name = "payer_id", required = false) String payerId,
                             @RequestParam(name = "limit", required = false, defaultValue = "100") int limit) {
        if (!Set.of("pending", "agreed", "disagreed").contains(status)) {
            throw new InvalidParameter("status", "must be pending, agreed or disagreed");
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidParameter("limit", "must be from 1 to 1000");
        }
        return Map.of("items", reviews.list(status, payerId, limit));
    }

    @PostMapping(path = "/qa/reviews/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    QaReviews.Review verdict(@PathVariable("id") String id, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidParameter("body", "must be a JSON object {verdict, note}");
        }
        String verdict = body.path("verdict").isString() ? body.get("verdict").asString() : null;
        if (!"agree".equals(verdict) && !"disagree".equals(verdict)) {
            throw new InvalidParameter("verdict", "must be agree or disagree");
        }
        JsonNode noteNode = body.get("note");
        String note = noteNode != null && noteNode.isString() ? noteNode.asString().trim() : null;
        if ("disagree".equals(verdict) && (note == null || note.isEmpty())) {
            throw new InvalidParameter("note", "is required to disagree: say what should have been done");
        }
        if (note != null && note.length() > 2000) {
            throw new InvalidParameter("note", "must be at most 2000 characters");
        }
        return reviews.verdict(InboxController.uuid("id", id), verdict, note, CurrentActor.get());
    }
}
