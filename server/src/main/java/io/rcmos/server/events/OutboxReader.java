package io.rcmos.server.events;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the outbox in position order, and only events that have their position. Positions are given by the ledger's
 * sequencer after commit and commit in increasing order, so "after position N" never skips one, whichever order the
 * appending transactions committed in. {@link Event#id()} is the position.
 */
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
        return jdbc.sql("select position, type, run_id, batch_id, payload::text, ts, source from outbox_events where position > ?"
                        + where + " order by position limit ?")
                .params(params)
                .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                        json.readValue(rs.getString(5), MAP), rs.getTimestamp(6).toInstant(), rs.getString(7)))
                .list();
    }

    /** The newest position given (0 when none). */
    long lastId() {
        return jdbc.sql("select coalesce(max(position), 0) from outbox_events").query(Long.class).single();
    }

    /** The position of the event of row {@code id}, once the ledger has given it one. */
    java.util.Optional<Long> position(long id) {
        return jdbc.sql("select position from outbox_events where id = ? and position is not null").param(id)
                .query(Long.class).optional();
    }
}
