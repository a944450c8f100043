package io.rcmos.server.audit;

import io.rcmos.server.platform.web.InvalidParameter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code GET /audit} (filtered, newest first, cursor-paged) and {@code GET /audit/verify} (the chain check). */
@RestController
class AuditController {

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    AuditController(JdbcClient jdbc, DataSource dataSource, TransactionTemplate tx, JsonMapper json) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1000); // PostgreSQL streams with a cursor inside a transaction
        this.tx = tx;
        this.json = json;
    }

    record Item(long seq, Instant ts, String actor, String actorType, String action, String targetType, String targetId,
                UUID runId, Object details, String prevHash, String hash) {
    }

    record Page(List<Item> items, String nextCursor) {
    }

    @GetMapping("/audit")
    Page list(@RequestParam(name = "actor", required = false) String actor,
              @RequestParam(name = "run_id", required = false) String runId,
              @RequestParam(name = "action", required = false) String action,
              @RequestParam(name = "type", required = false) String type,
              @RequestParam(name = "from", required = false) String from,
              @RequestParam(name = "to", required = false) String to,
              @RequestParam(name = "limit", required = false, defaultValue = "100") String limit,
              @RequestParam(name = "cursor", required = false) String cursor) {
        StringBuilder sql = new StringBuilder("select * from audit_log where true");
        List<Object> params = new ArrayList<>();
        if (actor != null) {
            sql.append(" and actor = ?");
            params.add(actor);
        }
        if (runId != null) {
            sql.append(" and run_id = ?");
            params.add(uuid("run_id", runId));
        }
        String actionFilter = action != null ? action : type;
        if (actionFilter != null) {
            sql.append(" and action like ?");
            params.add(actionFilter.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace("*", "%")
                    + (actionFilter.endsWith("*") ? "" : "%"));
        }
        if (from != null) {
            sql.append(" and ts >= ?");
            params.add(Timestamp.from(instant("from", from)));
        }
        if (to != null) {
            sql.append(" and ts < ?");
            params.add(Timestamp.from(instant("to", to)));
        }
        if (cursor != null) {
            sql.append(" and seq < ?");
            params.add(number("cursor", cursor, 1, Long.MAX_VALUE));
        }
        int size = (int) number("limit", limit, 1, 1000);
        sql.append(" order by seq desc limit ?");
        params.add(size + 1);
        List<Item> items = jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            AuditEntry e = AuditRows.entry(rs);
            return new Item(e.seq(), e.ts(), e.actor(), e.actorType(), e.action(), e.targetType(), e.targetId(), e.runId(),
                    json.readTree(e.details()), e.prevHash(), e.hash());
        }).list();
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            next = Long.toString(items.get(size - 1).seq());
        }
        return new Page(items, next);
    }

    @GetMapping("/audit/verify")
    AuditVerifier.Result verify() {
        AuditVerifier verifier = new AuditVerifier();
        try {
            tx.executeWithoutResult(s -> streaming.query(AuditRows.SELECT_IN_ORDER, (RowCallbackHandler) rs -> {
                if (!verifier.accept(AuditRows.entry(rs))) {
                    throw new StopReading();
                }
            }));
        } catch (StopReading stop) {
            // the first broken entry is known: no need to read further
        }
        return verifier.result();
    }

    /** Ends a streaming read early once the verdict is known. */
    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    private static UUID uuid(String name, String value) {
        return InvalidParameter.uuid(name, value);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameter(name, "is not an ISO-8601 instant (e.g. 2026-11-24T00:00:00Z)");
        }
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new InvalidParameter(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidParameter(name, "must be a number");
        }
    }

}
