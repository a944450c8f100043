package io.rcmos.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Reads {@code audit_log} rows; shared by the server and the CLI so both verify exactly what is stored. The chain is
 * the entries that have their place in it: one appended and not yet chained by the ledger has none.
 */
final class AuditRows {

    static final String SELECT_IN_ORDER = """
            select seq, ts, actor, actor_type, action, target_type, target_id, run_id, details, prev_hash, hash
            from audit_log where seq is not null order by seq""";

    private AuditRows() {
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("ts").toInstant(), rs.getString("actor"), rs.getString("actor_type"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getObject("run_id", UUID.class),
                rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
