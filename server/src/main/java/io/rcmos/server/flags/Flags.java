package io.rcmos.server.flags;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows {@code feature_flags}. Reads are per run (a change takes effect on the next run, no
 * restart); every change is audited and evented ({@code flags.changed}) in the same transaction.
 */
@Component
public class Flags {

    /** The switches of one payer and purpose. */
    public record Flag(String payerId, String purpose, boolean clearinghouseEnabled, boolean portalEnabled, String prefer,
                       boolean humanFallback) {

        public static Flag defaults(String payerId, String purpose) {
            return new Flag(payerId, purpose, true, true, "clearinghouse", true);
        }

        /** Whether a channel of this route may answer. Routes without a switch (test channels) always may. */
        public boolean allows(String route) {
            return switch (route) {
                case "clearinghouse" -> clearinghouseEnabled;
                case "portal" -> portalEnabled;
                default -> true;
            };
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Events events;
    private final TransactionTemplate tx;

    Flags(JdbcClient jdbc, AuditLog audit, Events events, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
    }

    public Flag get(String payerId, String purpose) {
        return jdbc.sql("""
                        select payer_id, purpose, clearinghouse_enabled, portal_enabled, prefer, human_fallback
                        from feature_flags where payer_id = ? and purpose = ?""")
                .params(payerId, purpose)
                .query((rs, n) -> new Flag(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getString(5),
                        rs.getBoolean(6)))
                .optional().orElseGet(() -> Flag.defaults(payerId, purpose));
    }

    public List<Flag> all() {
        return jdbc.sql("""
                        select payer_id, purpose, clearinghouse_enabled, portal_enabled, prefer, human_fallback
                        from feature_flags order by payer_id, purpose""")
                .query((rs, n) -> new Flag(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getString(5),
                        rs.getBoolean(6)))
                .list();
    }

    void put(Flag flag, Actor actor) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                            insert into feature_flags (payer_id, purpose, clearinghouse_enabled, portal_enabled, prefer, human_fallback, updated_by)
                            values (?, ?, ?, ?, ?, ?, ?)
                            on conflict (payer_id, purpose) do update set clearinghouse_enabled = excluded.clearinghouse_enabled,
                              portal_enabled = excluded.portal_enabled, prefer = excluded.prefer, human_fallback = excluded.human_fallback,
                              updated_at = now(), updated_by = excluded.updated_by""")
                    .params(flag.payerId(), flag.purpose(), flag.clearinghouseEnabled(), flag.portalEnabled(), flag.prefer(),
                            flag.humanFallback(), actor.name())
                    .update();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("payer_id", flag.payerId());
            payload.put("purpose", flag.purpose());
            payload.put("clearinghouse_enabled", flag.clearinghouseEnabled());
            payload.put("portal_enabled", flag.portalEnabled());
            payload.put("prefer", flag.prefer());
            payload.put("human_fallback", flag.humanFallback());
            events.append("flags.changed", null, null, payload);
            audit.append(actor, "flags.changed", "feature_flag", flag.payerId() + "/" + flag.purpose(), null, payload);
        });
    }
}
