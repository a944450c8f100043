package io.rcmos.server.events;

import io.rcmos.server.platform.Ledger;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives committed outbox events their reader position, for the ledger's sequencer (under its lock, in its transaction):
 * the next positions after the last one, without gaps, in insertion order. Positions therefore commit in increasing
 * order, so a reader that has read up to position N finds everything later above N, including an event whose
 * transaction committed after a newer one's. Wakes this process's outbox tailer once the positions have committed.
 */
@Component
@Order(1)
class OutboxSequencer implements Ledger.Sequence {

    private final JdbcClient jdbc;
    private final EventHub hub;

    OutboxSequencer(JdbcClient jdbc, EventHub hub) {
        this.jdbc = jdbc;
        this.hub = hub;
    }

    @Override
    public int sequence(int limit) {
        return jdbc.sql("""
                        with waiting as (
                            select id, row_number() over (order by id) as n
                            from outbox_events where position is null order by id limit ?),
                        last as (select coalesce(max(position), 0) as position from outbox_events)
                        update outbox_events o set position = last.position + waiting.n
                        from waiting, last where o.id = waiting.id""")
                .param(limit)
                .update();
    }

    @Override
    public void sequenced() {
        hub.wake();
    }
}
