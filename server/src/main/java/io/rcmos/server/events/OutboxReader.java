package io.rcmos.server.events;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the outbox in id order. Appends commit in id order (the ledger lock), so "after id N" never skips one. */
@Component
class OutboxReader {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OutboxReader(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Event> after(long id, EventFilter filter, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(id);
        String where = filter == null ? "" : filter.sql(params);
        params.add(limit);
        return jdbc.sql("select id, type, run_id, batch_id, payload::text, ts, source from outbox_events where id > ?"
                        + where + " order by id limit ?")
                .params(params)
                .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                        json.readValue(rs.getString(5), MAP), rs.getTimestamp(6).toInstant(), rs.getString(7)))
                .list();
    }

    long lastId() {
        return jdbc.sql("select coalesce(max(id), 0) from outbox_events").query(Long.class).single();
    }
}
