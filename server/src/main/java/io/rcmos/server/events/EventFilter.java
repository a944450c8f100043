package io.rcmos.server.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which events a subscriber wants: by run, by batch, and by type — a comma list of exact types or prefixes ending
 * in {@code *} ({@code run.*,breakpoint.*}). Null parts match everything.
 */
public record EventFilter(UUID runId, UUID batchId, List<String> types) {

    public static EventFilter of(UUID runId, UUID batchId, String types) {
        List<String> list = new ArrayList<>();
        if (types != null) {
            for (String t : types.split(",")) {
                if (!t.isBlank()) {
                    list.add(t.trim());
                }
            }
        }
        return new EventFilter(runId, batchId, list.isEmpty() ? null : List.copyOf(list));
    }

    public boolean matches(Event e) {
        if (runId != null && !runId.equals(e.runId())) {
            return false;
        }
        if (batchId != null && !batchId.equals(e.batchId())) {
            return false;
        }
        if (types == null) {
            return true;
        }
        for (String t : types) {
            if (t.endsWith("*") ? e.type().startsWith(t.substring(0, t.length() - 1)) : e.type().equals(t)) {
                return true;
            }
        }
        return false;
    }

    /** The same filter as SQL over {@code outbox_events}, with its parameters appended to {@code params}. */
    String sql(List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (runId != null) {
            sql.append(" and run_id = ?");
            params.add(runId);
        }
        if (batchId != null) {
            sql.append(" and batch_id = ?");
            params.add(batchId);
        }
        if (types != null) {
            sql.append(" and (false");
            for (String t : types) {
                if (t.endsWith("*")) {
                    sql.append(" or starts_with(type, ?)");
                    params.add(t.substring(0, t.length() - 1));
                } else {
                    sql.append(" or type = ?");
                    params.add(t);
                }
            }
            sql.append(")");
        }
        return sql.toString();
    }
}
