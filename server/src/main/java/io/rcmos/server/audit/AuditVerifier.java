package io.rcmos.server.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.NavigableMap;

/**
 * Checks the chain one entry at a time, in seq order, without holding the log in memory, and stops at the first
 * broken entry. It looks one entry ahead to tell what happened there:
 * <ul>
 * <li>{@code deleted}: a seq is missing, or an entry no longer follows the one it was chained to (the entries between
 * were removed and the rest renumbered);</li>
 * <li>{@code reordered}: an entry is chained to an entry stored after it;</li>
 * <li>{@code inserted}: an entry the server did not write sits where the next entry is still chained to the one
 * before it (or, at the end, an entry hashed without the key);</li>
 * <li>{@code edited}: an entry's content no longer matches its hash while its neighbours are intact, or an entry was
 * replaced with a recomputed hash that the next entry does not name;</li>
 * <li>{@code rewritten}: from this entry on the hashes form a chain, but not under the audit key — the table was
 * rewritten by someone without the key;</li>
 * <li>{@code checkpoint_mismatch}: an entry's hash differs from the hash a signed checkpoint recorded for it;</li>
 * <li>{@code truncated}: the table ends before the newest signed checkpoint.</li>
 * </ul>
 * Reasons name sequence numbers and times only, never entry content. Pure: the server and the CLI feed it rows from
 * their own connections, with the checkpoints they have already checked.
 */
public final class AuditVerifier {

    /** What was done to the log, as a stable code. */
    public enum Tamper {
        EDITED, DELETED, INSERTED, REORDERED, TRUNCATED, REWRITTEN,
        CHECKPOINT_MISMATCH, CHECKPOINT_FORGED, CHECKPOINT_MISSING, EPOCH_ALTERED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The first broken place: an entry ({@code seq}) and/or a checkpoint (the seq it covers up to), what was done
     * ({@code kind}, a {@link Tamper} code) and why the verifier thinks so.
     */
    public record Broken(Long seq, Long checkpoint, String kind, String reason) {
        static Broken entry(long seq, Tamper kind, String reason) {
            return new Broken(seq, null, kind.wire(), reason);
        }

        static Broken checkpoint(Long seq, long checkpoint, Tamper kind, String reason) {
            return new Broken(seq, checkpoint, kind.wire(), reason);
        }
    }

    private final AuditChain chain;
    private final NavigableMap<Long, Checkpoint> checkpoints;
    private long expectedSeq = 1;
    private String previousHash = AuditChain.GENESIS;
    private Instant previousTs;
    private long checked;
    private AuditEntry pending;
    private Broken broken;

    /** {@code checkpoints}: the signed checkpoints already checked against the deployment's public key, by seq. */
    AuditVerifier(AuditChain chain, NavigableMap<Long, Checkpoint> checkpoints) {
        this.chain = chain;
        this.checkpoints = checkpoints;
    }

    /** Feeds the next entry (in seq order); false once the chain is known to be broken (stop feeding). */
    public boolean accept(AuditEntry next) {
        if (broken != null) {
            return false;
        }
        if (pending != null) {
            judge(pending, next);
        }
        pending = next;
        return broken == null;
    }

    /** Judges the last entry and the tail against the newest checkpoint; the first broken place, or null. */
    Broken finish() {
        if (broken == null && pending != null) {
            judge(pending, null);
        }
        pending = null;
        if (broken == null && !checkpoints.isEmpty() && checkpoints.lastKey() > lastSeq()) {
            Checkpoint newest = checkpoints.lastEntry().getValue();
            broken = Broken.checkpoint(lastSeq() + 1, newest.seq(), Tamper.TRUNCATED, (lastSeq() == 0
                    ? "the table is empty"
                    : "the table ends at entry " + lastSeq() + " (written " + previousTs + ")")
                    + ", but the checkpoint signed " + newest.ts() + " covers entries up to " + newest.seq()
                    + ": entries " + (lastSeq() + 1) + " to " + newest.seq() + " were removed");
        }
        return broken;
    }

    long entriesChecked() {
        return checked;
    }

    /** The last entry judged intact (0 when none). */
    long lastSeq() {
        return expectedSeq - 1;
    }

    private void judge(AuditEntry e, AuditEntry next) {
        checked++;
        long s = expectedSeq;
        if (e.seq() != s) {
            broken = e.seq() > s
                    ? Broken.entry(s, Tamper.DELETED, "entry " + s + " is missing: the entry after " + (s - 1) + " is " + e.seq())
                    : Broken.entry(e.seq(), Tamper.REORDERED, "entry " + e.seq() + " appears after entry " + (s - 1));
            return;
        }
        boolean linked = e.prevHash().equals(previousHash);
        boolean valid = chain.hash(e).equals(e.hash());
        if (!linked) {
            if (next != null && e.prevHash().equals(next.hash())) {
                broken = Broken.entry(s, Tamper.REORDERED, "entry " + s + " is chained to the entry stored after it: entries were moved out of the order they were written in");
            } else if (next != null && next.prevHash().equals(previousHash)) {
                broken = Broken.entry(s, Tamper.INSERTED, "entry " + s + " was not written by the server: the entry after it is chained to entry " + (s - 1));
            } else if (valid && s > 1) {
                broken = Broken.entry(s - 1, Tamper.EDITED, "entry " + (s - 1) + " was replaced and its hash recomputed: entry " + s + " still names the original");
            } else {
                broken = Broken.entry(s, Tamper.DELETED, "entry " + s + " does not follow entry " + (s - 1) + ": the entry it was chained to is gone (entries deleted and the rest renumbered)");
            }
            return;
        }
        if (!valid) {
            boolean nextFollows = next != null && next.prevHash().equals(e.hash());
            if (next != null && next.prevHash().equals(previousHash)) {
                broken = Broken.entry(s, Tamper.INSERTED, "entry " + s + " was not written by the server: the entry after it is chained to entry " + (s - 1));
            } else if (nextFollows && chain.hash(next).equals(next.hash())) {
                broken = Broken.entry(s, Tamper.EDITED, "entry " + s + " no longer matches its hash: its content was changed");
            } else if (nextFollows) {
                broken = Broken.entry(s, Tamper.REWRITTEN, "from entry " + s + " on the hashes form a chain that was not computed with the audit key: the log was rewritten from here");
            } else if (next == null && chain.keyed(s) && AuditChain.sha256(e).equals(e.hash())) {
                broken = Broken.entry(s, Tamper.INSERTED, "entry " + s + " was appended without the audit key (its hash is plain SHA-256)");
            } else {
                broken = Broken.entry(s, Tamper.EDITED, "entry " + s + " no longer matches its hash: its content was changed");
            }
            return;
        }
        Checkpoint c = checkpoints.get(s);
        if (c != null && !c.hash().equals(e.hash())) {
            broken = Broken.checkpoint(s, c.seq(), Tamper.CHECKPOINT_MISMATCH, "entry " + s + " is not the entry the checkpoint signed "
                    + c.ts() + " recorded: the chain up to it was rewritten (by someone holding the audit key)");
            return;
        }
        expectedSeq = s + 1;
        previousHash = e.hash();
        previousTs = e.ts();
    }
}
