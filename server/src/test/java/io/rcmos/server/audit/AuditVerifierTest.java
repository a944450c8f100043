package io.rcmos.server.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditVerifierTest {

    private static List<AuditEntry> chain(int n) {
        List<AuditEntry> out = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEntry e = new AuditEntry(i, Instant.parse("2026-11-24T10:00:00Z").plusSeconds(i), "alice", "user",
                    "run.created", "run", "r" + i, null, "{}", prev, null);
            String hash = AuditChain.hash(e);
            e = new AuditEntry(e.seq(), e.ts(), e.actor(), e.actorType(), e.action(), e.targetType(), e.targetId(), e.runId(),
                    e.details(), prev, hash);
            out.add(e);
            prev = hash;
        }
        return out;
    }

    private static AuditVerifier.Result verify(List<AuditEntry> entries) {
        AuditVerifier v = new AuditVerifier();
        for (AuditEntry e : entries) {
            if (!v.accept(e)) {
                break;
            }
        }
        return v.result();
    }

    @Test
    void intactChainVerifies() {
        assertThat(verify(chain(5))).isEqualTo(new AuditVerifier.Result(true, 5, null));
    }

    @Test
    void editIsCaughtAtTheEditedEntry() {
        List<AuditEntry> c = chain(5);
        AuditEntry e = c.get(2);
        c.set(2, new AuditEntry(e.seq(), e.ts(), "mallory", e.actorType(), e.action(), e.targetType(), e.targetId(), e.runId(),
                e.details(), e.prevHash(), e.hash()));
        assertThat(verify(c).firstBroken().seq()).isEqualTo(3);
        assertThat(verify(c).firstBroken().reason()).contains("edited");
    }

    @Test
    void deletionIsCaughtAsAGap() {
        List<AuditEntry> c = chain(5);
        c.remove(1);
        assertThat(verify(c).firstBroken()).isEqualTo(new AuditVerifier.Broken(2, "entry 2 is missing (deleted); the next entry is 3"));
    }

    @Test
    void reorderIsCaughtByPrevHash() {
        List<AuditEntry> c = chain(5);
        AuditEntry a = c.get(1);
        AuditEntry b = c.get(2);
        // swap contents, keep seq numbers
        c.set(1, new AuditEntry(2, b.ts(), b.actor(), b.actorType(), b.action(), b.targetType(), b.targetId(), b.runId(), b.details(), b.prevHash(), b.hash()));
        c.set(2, new AuditEntry(3, a.ts(), a.actor(), a.actorType(), a.action(), a.targetType(), a.targetId(), a.runId(), a.details(), a.prevHash(), a.hash()));
        assertThat(verify(c).firstBroken().seq()).isEqualTo(2);
        assertThat(verify(c).firstBroken().reason()).contains("prev_hash");
    }
}
