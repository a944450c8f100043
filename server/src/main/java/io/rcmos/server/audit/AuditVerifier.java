package io.rcmos.server.audit;

/**
 * Checks the chain one entry at a time, in seq order, without holding the log in memory, and stops at the first
 * broken entry. What each failure means: a seq gap is a deleted entry; a {@code prev_hash} that is not the hash
 * of the entry before is a reordered or inserted entry; a hash that does not match the content is an edited entry.
 * Pure: the server and the CLI feed it rows from their own connections.
 */
public final class AuditVerifier {

    /** The verdict: intact, or the first broken entry's seq and why. */
    public record Result(boolean ok, long entriesChecked, Broken firstBroken) {
    }

    public record Broken(long seq, String reason) {
    }

    private long expectedSeq = 1;
    private String previousHash = AuditChain.GENESIS;
    private long checked;
    private Broken broken;

    /** Feeds the next entry; false once the chain is known to be broken (stop feeding). */
    public boolean accept(AuditEntry e) {
        if (broken != null) {
            return false;
        }
        checked++;
        if (e.seq() != expectedSeq) {
            broken = new Broken(expectedSeq, e.seq() > expectedSeq
                    ? "entry " + expectedSeq + " is missing (deleted); the next entry is " + e.seq()
                    : "entry " + e.seq() + " is out of order");
        } else if (!e.prevHash().equals(previousHash)) {
            broken = new Broken(e.seq(), "prev_hash does not match the hash of entry " + (e.seq() - 1)
                    + " (an entry was reordered, inserted or replaced)");
        } else if (!AuditChain.hash(e).equals(e.hash())) {
            broken = new Broken(e.seq(), "content does not match its hash (the entry was edited)");
        }
        if (broken != null) {
            return false;
        }
        expectedSeq = e.seq() + 1;
        previousHash = e.hash();
        return true;
    }

    public Result result() {
        return new Result(broken == null, checked, broken);
    }
}
