package io.rcmos.server.events;

import io.rcmos.server.platform.Ledger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.UUID;

/** Appends events to the outbox, in the caller's transaction (it must have one). */
@Component
public class Events {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final JsonMapper json;
    private final String source;

    Events(JdbcClient jdbc, Ledger ledger, JsonMapper json,
           @org.springframework.beans.factory.annotation.Value("${spring.application.name:rcm-os}") String source) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.json = json;
        this.source = source;
    }

    /** Appends one event; returns its outbox id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long append(String type, UUID runId, UUID batchId, Map<String, Object> payload) {
        ledger.lock();
        return jdbc.sql("""
                        insert into outbox_events (type, run_id, batch_id, payload, source)
                        values (?, ?, ?, ?::jsonb, ?) returning id""")
                .params(type, runId, batchId, json.writeValueAsString(payload), source)
                .query(Long.class).single();
    }
}
