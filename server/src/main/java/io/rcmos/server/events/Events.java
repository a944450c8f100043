package io.rcmos.server.events;

import io.rcmos.server.platform.Ledger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.UUID;

/**
 * Appends events to the outbox, in the caller's transaction (it must have one): the event exists if and only if that
 * transaction commits. No lock is taken; the ledger gives the event its reader position once it has committed.
 */
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

    /**
     * Appends one event; returns its row id in the outbox (insertion order). Its position — what readers page by, the
     * SSE id — is given after commit by the ledger ({@link Ledger}), and differs from the id in general.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long append(String type, UUID runId, UUID batchId, Map<String, Object> payload) {
        long id = jdbc.sql("""
                        insert into outbox_events (type, run_id, batch_id, payload, source)
                        values (?, ?, ?, ?::jsonb, ?) returning id""")
                .params(type, runId, batchId, json.writeValueAsString(payload), source)
                .query(Long.class).single();
        ledger.appended();
        return id;
    }
}
