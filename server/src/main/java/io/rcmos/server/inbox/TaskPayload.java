package io.rcmos.server.inbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The common part of every {@code inbox.*} event payload: which task, of what type, payer and purpose (never PHI). */
final class TaskPayload {

    private TaskPayload() {
    }

    static Map<String, Object> of(UUID id, String type, String payerId, String purpose) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("breakpoint_id", id.toString());
        payload.put("type", type);
        payload.put("payer_id", payerId);
        payload.put("purpose", purpose);
        return payload;
    }

    static Map<String, Object> of(InboxTask task) {
        return of(task.id(), task.type(), task.payerId(), task.purpose());
    }
}
