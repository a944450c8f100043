package io.rcmos.server.audit;

import io.rcmos.server.platform.Ledger;
import io.rcmos.server.platform.web.InvalidParameter;
import io.rcmos.server.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /audit} (filtered, newest first, cursor-paged), {@code GET /audit/verify} (chain and checkpoints),
 * {@code GET /audit/checkpoints} and the public {@code GET /audit/checkpoints/key}. The first two flush the ledger
 * first: every entry committed before the request is chained, with its {@code seq} and hash, when it is read.
 */
@RestController
class AuditController {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final AuditKeys keys;
    private final CheckpointStore store;
    private final AuditProperties props;
    private final Ledger ledger;

    AuditController(JdbcClient jdbc, DataSource dataSource, JsonMapper json, AuditKeys keys, CheckpointStore store, AuditProperties props,
                    Ledger ledger) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
        this.keys = keys;
        this.store = store;
        this.props = props;
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
        // everything committed before this request is in the chain, with its seq and hash, before it is listed
        ledger.flush();
        StringBuilder sql = new StringBuilder("select * from audit_log where seq is not null");
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

    /**
     * The whole log against the chain rule and the signed checkpoints: intact, or the first broken entry or checkpoint
     * and what was done there. 503 when the checkpoint store cannot be read or this process holds another audit key.
     */
    @GetMapping("/audit/verify")
    AuditVerification.Result verify() throws SQLException {
        ledger.flush();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return AuditVerification.run(c, keys, store, props);
        } catch (AuditVerification.StoreUnavailable e) {
            throw new CannotVerify("audit_checkpoints_unavailable", e.getMessage());
        } catch (AuditVerification.WrongKey e) {
            throw new CannotVerify("audit_key_mismatch", e.getMessage());
        }
    }

    /** A checkpoint as recorded in the database (the store holds the same object under {@code storage_key}). */
    record CheckpointItem(long seq, String hash, Instant ts, long keyedFrom, String keyId, String algorithm, String publicKey,
                          String signature, String storageKey, String protection) {
    }

    record CheckpointPage(List<CheckpointItem> items, String nextCursor) {
    }

    /** The signed checkpoints, newest first, cursor-paged like {@code GET /audit}. */
    @GetMapping("/audit/checkpoints")
    CheckpointPage checkpoints(@RequestParam(name = "limit", required = false, defaultValue = "100") String limit,
                               @RequestParam(name = "cursor", required = false) String cursor) {
        int size = (int) number("limit", limit, 1, 1000);
        long before = cursor == null ? Long.MAX_VALUE : number("cursor", cursor, 1, Long.MAX_VALUE);
        List<CheckpointItem> items = jdbc.sql("""
                        select seq, hash, ts, keyed_from, key_id, public_key, signature, storage_key, protection
                        from audit_checkpoints where seq < ? order by seq desc limit ?""")
                .params(before, size + 1)
                .query((rs, n) -> new CheckpointItem(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getLong(4),
                        rs.getString(5), "Ed25519", rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
                .list();
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            next = Long.toString(items.get(size - 1).seq());
        }
        return new CheckpointPage(items, next);
    }

    /** The public half of the checkpoint signing key, and the template of the signed message (UTF-8, no final newline). */
    record PublicKey(String algorithm, String publicKey, String publicKeyPem, String signedMessage) {
    }

    /** Public: anyone holding a checkpoint can check its signature with this key. */
    @GetMapping("/audit/checkpoints/key")
    PublicKey checkpointKey() {
        return new PublicKey("Ed25519", keys.publicKeyBase64(), keys.publicKeyPem(),
                Checkpoint.FORMAT + "\nseq=<seq>\nhash=<hash>\nts=<ts>\nkeyed_from=<keyed_from>\nkey_id=<key_id>");
    }

    /** Verification could not run: nothing is known about the log's integrity. */
    static final class CannotVerify extends ApiProblem {
        CannotVerify(String code, String detail) {
            super(HttpStatus.SERVICE_UNAVAILABLE, code, detail);
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
