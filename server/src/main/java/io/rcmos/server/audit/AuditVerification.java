package io.rcmos.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One verification of the audit log: the checkpoints in the store and in {@code audit_checkpoints} against the
 * deployment's public key and each other, the keyed epoch against what the checkpoints signed, then the whole chain
 * (streamed in seq order) against the chain rule and the checkpoints. Used by {@code GET /audit/verify} and by
 * {@code ./rcm audit verify} alike, each with its own connection.
 */
public final class AuditVerification {

    /**
     * The verdict. {@code firstBroken} is null when intact. {@code keyedFrom}: the first entry under the audit key (those
     * before were written before the upgrade, in plain SHA-256). {@code checkpoints}: how many signed checkpoints were
     * checked, the newest, and how many entries came after it (not yet anchored outside the database).
     */
    public record Result(boolean ok, long entriesChecked, AuditVerifier.Broken firstBroken, Long keyedFrom,
                         Checkpoints checkpoints, String checkpointStore) {
    }

    public record Checkpoints(int checked, Long newestSeq, Instant newestAt, long entriesAfterNewest) {
    }

    /** The given chain key is not the one the checkpoints say wrote the chain: a configuration error, not tampering. */
    public static final class WrongKey extends IllegalStateException {
        WrongKey(String expected, String actual) {
            super("the audit key given (id " + actual + ") is not the key that wrote this chain (id " + expected
                    + "): set RCM_AUDIT_KEY or RCM_HOME as the deployment has them");
        }
    }

    /** The checkpoint store could not be read: nothing can be concluded. */
    public static final class StoreUnavailable extends IllegalStateException {
        StoreUnavailable(RuntimeException cause) {
            super("the checkpoint store cannot be read (" + cause.getClass().getSimpleName() + ")", null);
        }
    }

    private AuditVerification() {
    }

    /** Verifies with {@code connection} (left in a read-only transaction, rolled back at the end). */
    public static Result run(Connection connection, AuditKeys keys, CheckpointStore store, AuditProperties props) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            return verify(connection, keys, store, props);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Result verify(Connection c, AuditKeys keys, CheckpointStore store, AuditProperties props) throws SQLException {
        String where = store.describe();
        List<Long> epochs = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select first_seq from audit_chain_epochs where algorithm = 'hmac-sha256' order by first_seq")) {
            while (rs.next()) {
                epochs.add(rs.getLong(1));
            }
        }
        Long keyedFrom = epochs.size() == 1 ? epochs.get(0) : null;

        NavigableMap<Long, Checkpoint> trusted = new TreeMap<>();
        AuditVerifier.Broken broken = checkpoints(c, keys, store, props.checkpointPrefix(), trusted);
        Checkpoints summary = new Checkpoints(trusted.size(), trusted.isEmpty() ? null : trusted.lastKey(),
                trusted.isEmpty() ? null : trusted.lastEntry().getValue().ts(), 0);
        if (broken != null) {
            return new Result(false, 0, broken, keyedFrom, summary, where);
        }
        String keyId = keys.chainKeyId();
        for (Checkpoint cp : trusted.values()) {
            if (!cp.keyId().equals(keyId)) {
                throw new WrongKey(cp.keyId(), keyId);
            }
        }
        if (keyedFrom == null) {
            return new Result(false, 0, new AuditVerifier.Broken(null, null, AuditVerifier.Tamper.EPOCH_ALTERED.wire(),
                    "the record of where the keyed chain starts (audit_chain_epochs) is " + (epochs.isEmpty() ? "missing" : "duplicated")),
                    null, summary, where);
        }
        for (Checkpoint cp : trusted.values()) {
            if (cp.keyedFrom() != keyedFrom) {
                return new Result(false, 0, AuditVerifier.Broken.checkpoint(null, cp.seq(), AuditVerifier.Tamper.EPOCH_ALTERED,
                        "the database says the keyed chain starts at entry " + keyedFrom + ", the checkpoint signed " + cp.ts()
                                + " says " + cp.keyedFrom()), keyedFrom, summary, where);
            }
        }

        AuditVerifier verifier = new AuditVerifier(new AuditChain(keys, keyedFrom), trusted);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000); // PostgreSQL streams with a cursor inside a transaction
            try (ResultSet rs = s.executeQuery(AuditRows.SELECT_IN_ORDER)) {
                while (rs.next() && verifier.accept(AuditRows.entry(rs))) {
                    // until the end or the first broken entry
                }
            }
        }
        broken = verifier.finish();
        if (broken == null && !trusted.isEmpty()) {
            summary = new Checkpoints(summary.checked(), summary.newestSeq(), summary.newestAt(), verifier.lastSeq() - trusted.lastKey());
        } else if (broken == null) {
            summary = new Checkpoints(0, null, null, verifier.lastSeq());
        }
        return new Result(broken == null, verifier.entriesChecked(), broken, keyedFrom, summary, where);
    }

    /**
     * Fills {@code trusted} with the checkpoints that verify, and answers the first problem: an object or row that is
     * not validly signed ({@code checkpoint_forged}), a row whose object is gone from the store
     * ({@code checkpoint_missing}), or a row and an object of one seq that disagree. An object without a row is
     * trusted (the server writes the object first; a crash in between leaves exactly that).
     */
    private static AuditVerifier.Broken checkpoints(Connection c, AuditKeys keys, CheckpointStore store, String prefix,
                                                    NavigableMap<Long, Checkpoint> trusted) throws SQLException {
        // rows first: the server writes an object before its row, so every row read here has its object listed below
        List<Checkpoint> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select seq, hash, ts, keyed_from, key_id, public_key, signature from audit_checkpoints order by seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
            }
        }
        Map<Long, Checkpoint> stored = new HashMap<>();
        NavigableMap<Long, AuditVerifier.Broken> problems = new TreeMap<>();
        List<String> names;
        try {
            names = store.list(prefix);
        } catch (RuntimeException e) {
            throw new StoreUnavailable(e);
        }
        for (String name : names) {
            Long named = seqOf(prefix, name);
            Optional<byte[]> bytes;
            try {
                bytes = store.read(name);
            } catch (CheckpointStore.Corrupt e) {
                long at = named == null ? 0 : named;
                problems.putIfAbsent(at, AuditVerifier.Broken.checkpoint(null, at, AuditVerifier.Tamper.CHECKPOINT_FORGED,
                        "the checkpoint object " + name + " was altered in the store (" + e.getMessage() + ")"));
                continue;
            } catch (RuntimeException e) {
                throw new StoreUnavailable(e);
            }
            if (bytes.isEmpty()) {
                continue;
            }
            try {
                Checkpoint cp = Checkpoint.fromJson(bytes.get());
                if (!cp.signedBy(keys) || !name.equals(Checkpoint.objectName(prefix, cp.seq()))) {
                    problems.putIfAbsent(cp.seq(), AuditVerifier.Broken.checkpoint(null, cp.seq(), AuditVerifier.Tamper.CHECKPOINT_FORGED,
                            "the checkpoint object " + name + " is not signed by this deployment's key (altered, renamed or forged)"));
                } else {
                    stored.put(cp.seq(), cp);
                }
            } catch (Checkpoint.Unreadable e) {
                long at = named == null ? 0 : named;
                problems.putIfAbsent(at, AuditVerifier.Broken.checkpoint(null, at, AuditVerifier.Tamper.CHECKPOINT_FORGED,
                        "the checkpoint object " + name + " is unreadable: " + e.getMessage()));
            }
        }
        for (Checkpoint row : rows) {
            Checkpoint object = stored.get(row.seq());
            if (!row.signedBy(keys)) {
                problems.putIfAbsent(row.seq(), AuditVerifier.Broken.checkpoint(null, row.seq(), AuditVerifier.Tamper.CHECKPOINT_FORGED,
                        "the checkpoint of entry " + row.seq() + " recorded in the database is not signed by this deployment's key"));
            } else if (object == null) {
                problems.putIfAbsent(row.seq(), AuditVerifier.Broken.checkpoint(null, row.seq(), AuditVerifier.Tamper.CHECKPOINT_MISSING,
                        "the checkpoint of entry " + row.seq() + " (signed " + row.ts() + ") is recorded in the database but gone from the store"));
            } else if (!object.sameAs(row)) {
                problems.putIfAbsent(row.seq(), AuditVerifier.Broken.checkpoint(null, row.seq(), AuditVerifier.Tamper.CHECKPOINT_FORGED,
                        "the checkpoint of entry " + row.seq() + " differs between the database and the store"));
            } else {
                trusted.put(row.seq(), row);
            }
        }
        stored.forEach(trusted::putIfAbsent);
        return problems.isEmpty() ? null : problems.firstEntry().getValue();
    }

    private static Long seqOf(String prefix, String name) {
        try {
            return Long.parseLong(name.substring(prefix.length()).replace(".json", ""));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
