package io.rcmos.server.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of tamper, on chains built in memory with the real chain rule. */
class AuditVerifierTest {

    private static final AuditKeys KEYS = keys(1);
    private static final AuditKeys OTHER = keys(2);
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    static AuditKeys keys(int fill) {
        byte[] chain = new byte[32];
        byte[] seed = new byte[32];
        java.util.Arrays.fill(chain, (byte) fill);
        java.util.Arrays.fill(seed, (byte) (fill + 100));
        return new AuditKeys(chain, seed);
    }

    /** Entries 1..n as the server writes them; those before {@code keyedFrom} in plain SHA-256 (before the upgrade). */
    private static List<AuditEntry> chain(int n, long keyedFrom) {
        return rehash(entries(n), new AuditChain(KEYS, keyedFrom), 1);
    }

    private static List<AuditEntry> entries(int n) {
        List<AuditEntry> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new AuditEntry(i, T0.plusSeconds(i), "alice", "user", "run.created", "run", "r" + i, null, "{}", null, null));
        }
        return out;
    }

    /** Recomputes prev_hash and hash from position {@code from} (1-based) on with {@code chain}, as a forger would. */
    private static List<AuditEntry> rehash(List<AuditEntry> in, AuditChain chain, int from) {
        List<AuditEntry> out = new ArrayList<>(in.subList(0, from - 1));
        String prev = from == 1 ? AuditChain.GENESIS : in.get(from - 2).hash();
        for (int i = from - 1; i < in.size(); i++) {
            AuditEntry e = with(in.get(i), in.get(i).seq(), in.get(i).actor(), prev, null);
            e = with(e, e.seq(), e.actor(), prev, chain.hash(e));
            out.add(e);
            prev = e.hash();
        }
        return out;
    }

    private static AuditChain unkeyed() {
        return new AuditChain(KEYS, Long.MAX_VALUE);
    }

    private static AuditEntry with(AuditEntry e, long seq, String actor, String prevHash, String hash) {
        return new AuditEntry(seq, e.ts(), actor, e.actorType(), e.action(), e.targetType(), e.targetId(), e.runId(), e.details(), prevHash, hash);
    }

    private static AuditVerifier.Broken verify(List<AuditEntry> entries, long keyedFrom, NavigableMap<Long, Checkpoint> checkpoints) {
        AuditVerifier v = new AuditVerifier(new AuditChain(KEYS, keyedFrom), checkpoints);
        for (AuditEntry e : entries) {
            if (!v.accept(e)) {
                break;
            }
        }
        return v.finish();
    }

    private static AuditVerifier.Broken verify(List<AuditEntry> entries) {
        return verify(entries, 1, new TreeMap<>());
    }

    private static NavigableMap<Long, Checkpoint> checkpointAt(List<AuditEntry> c, int seq, long keyedFrom) {
        NavigableMap<Long, Checkpoint> m = new TreeMap<>();
        m.put((long) seq, Checkpoint.sign(seq, c.get(seq - 1).hash(), T0.plusSeconds(3600), keyedFrom, KEYS));
        return m;
    }

    @Test
    void intactKeyedChainVerifies() {
        List<AuditEntry> c = chain(6, 1);
        AuditVerifier v = new AuditVerifier(new AuditChain(KEYS, 1), checkpointAt(c, 4, 1));
        c.forEach(v::accept);
        assertThat(v.finish()).isNull();
        assertThat(v.entriesChecked()).isEqualTo(6);
        assertThat(v.lastSeq()).isEqualTo(6);
    }

    @Test
    void entriesWrittenBeforeTheUpgradeKeepVerifyingInPlainSha256() {
        List<AuditEntry> c = chain(8, 5);
        assertThat(c.get(3).hash()).isEqualTo(AuditChain.sha256(c.get(3)));
        assertThat(c.get(4).hash()).isNotEqualTo(AuditChain.sha256(c.get(4)));
        assertThat(verify(c, 5, new TreeMap<>())).isNull();
    }

    @Test
    void editIsCaughtAtTheEditedEntry() {
        List<AuditEntry> c = chain(5, 1);
        c.set(2, with(c.get(2), 3, "mallory", c.get(2).prevHash(), c.get(2).hash()));
        assertThat(verify(c)).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(3L, "edited");
    }

    @Test
    void editOfTheLastEntryIsAnEdit() {
        List<AuditEntry> c = chain(5, 1);
        c.set(4, with(c.get(4), 5, "mallory", c.get(4).prevHash(), c.get(4).hash()));
        assertThat(verify(c)).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(5L, "edited");
    }

    @Test
    void preUpgradeEntryEditedAndRehashedIsCaughtByTheFirstKeyedEntry() {
        List<AuditEntry> c = chain(6, 4);
        AuditEntry forged = with(c.get(2), 3, "mallory", c.get(2).prevHash(), null);
        c.set(2, with(forged, 3, "mallory", forged.prevHash(), AuditChain.sha256(forged)));
        assertThat(verify(c, 4, new TreeMap<>())).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(3L, "edited");
    }

    @Test
    void deletionIsCaughtAsAGap() {
        List<AuditEntry> c = chain(5, 1);
        c.remove(1);
        assertThat(verify(c)).isEqualTo(AuditVerifier.Broken.entry(2, AuditVerifier.Tamper.DELETED, "entry 2 is missing: the entry after 1 is 3"));
    }

    @Test
    void deletionWithTheRestRenumberedIsADeletion() {
        List<AuditEntry> c = chain(5, 1);
        c.remove(1);
        for (int i = 1; i < c.size(); i++) {
            AuditEntry e = c.get(i);
            c.set(i, with(e, e.seq() - 1, e.actor(), e.prevHash(), e.hash()));
        }
        assertThat(verify(c)).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(2L, "deleted");
    }

    @Test
    void reorderIsCaught() {
        List<AuditEntry> c = chain(5, 1);
        AuditEntry a = c.get(1);
        AuditEntry b = c.get(2);
        c.set(1, with(b, 2, b.actor(), b.prevHash(), b.hash()));
        c.set(2, with(a, 3, a.actor(), a.prevHash(), a.hash()));
        assertThat(verify(c)).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(2L, "reordered");
    }

    @Test
    void insertionIsCaughtWhateverPrevHashTheForgerGaveIt() {
        for (boolean linked : new boolean[]{true, false}) {
            List<AuditEntry> c = chain(5, 1);
            List<AuditEntry> t = new ArrayList<>(c.subList(0, 2));
            AuditEntry forged = with(c.get(2), 3, "mallory", linked ? c.get(1).hash() : "ab".repeat(32), null);
            t.add(with(forged, 3, "mallory", forged.prevHash(), AuditChain.sha256(forged)));
            for (AuditEntry e : c.subList(2, 5)) {
                t.add(with(e, e.seq() + 1, e.actor(), e.prevHash(), e.hash()));
            }
            assertThat(verify(t)).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(3L, "inserted");
        }
    }

    @Test
    void entryAppendedWithoutTheKeyIsAnInsertion() {
        List<AuditEntry> c = chain(4, 1);
        AuditEntry forged = new AuditEntry(5, T0.plusSeconds(99), "mallory", "user", "run.created", "run", "x", null, "{}", c.get(3).hash(), null);
        c.add(with(forged, 5, "mallory", forged.prevHash(), AuditChain.sha256(forged)));
        assertThat(verify(c)).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(5L, "inserted");
    }

    @Test
    void fullRewriteWithoutTheKeyIsARewriteFromTheFirstEntry() {
        List<AuditEntry> plain = rehash(entries(5), unkeyed(), 1);
        assertThat(verify(plain)).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(1L, "rewritten");
        List<AuditEntry> otherKey = rehash(entries(5), new AuditChain(OTHER, 1), 1);
        assertThat(verify(otherKey)).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(1L, "rewritten");
    }

    @Test
    void rewriteFromTheMiddleIsARewriteFromThere() {
        List<AuditEntry> c = chain(6, 1);
        List<AuditEntry> edited = new ArrayList<>(c);
        for (int i = 3; i < 6; i++) {
            edited.set(i, with(c.get(i), c.get(i).seq(), "mallory", c.get(i).prevHash(), c.get(i).hash()));
        }
        assertThat(verify(rehash(edited, unkeyed(), 4))).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind)
                .containsExactly(4L, "rewritten");
    }

    @Test
    void rewriteBySomeoneHoldingTheKeyIsCaughtByTheCheckpoint() {
        List<AuditEntry> c = chain(6, 1);
        NavigableMap<Long, Checkpoint> cp = checkpointAt(c, 4, 1);
        List<AuditEntry> edited = new ArrayList<>(c);
        edited.set(1, with(c.get(1), 2, "mallory", c.get(1).prevHash(), null));
        List<AuditEntry> rewritten = rehash(edited, new AuditChain(KEYS, 1), 2);
        AuditVerifier.Broken b = verify(rewritten, 1, cp);
        assertThat(b).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::checkpoint, AuditVerifier.Broken::kind)
                .containsExactly(4L, 4L, "checkpoint_mismatch");
    }

    @Test
    void tailCutBehindTheNewestCheckpointIsATruncation() {
        List<AuditEntry> c = chain(8, 1);
        NavigableMap<Long, Checkpoint> cp = checkpointAt(c, 6, 1);
        AuditVerifier.Broken b = verify(c.subList(0, 4), 1, cp);
        assertThat(b).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::checkpoint, AuditVerifier.Broken::kind)
                .containsExactly(5L, 6L, "truncated");
        assertThat(b.reason()).contains("ends at entry 4").contains("covers entries up to 6");
        assertThat(verify(List.of(), 1, cp)).extracting(AuditVerifier.Broken::seq, AuditVerifier.Broken::kind).containsExactly(1L, "truncated");
        // the entries after the newest checkpoint are not anchored yet: cutting only those is not visible
        assertThat(verify(c.subList(0, 6), 1, cp)).isNull();
    }
}
