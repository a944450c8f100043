package io.rcmos.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain rule: {@code hash = SHA-256(prev_hash \n seq \n ts \n actor \n actor_type \n action \n target_type \n
 * target_id \n run_id \n details)}; the first entry's {@code prev_hash} is {@link #GENESIS}. Pure: no I/O, so the
 * server, the CLI and tests verify with the same code.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(AuditEntry e) {
        String canonical = String.join("\n",
                e.prevHash(),
                Long.toString(e.seq()),
                e.ts().toString(),
                e.actor(),
                e.actorType(),
                e.action(),
                nullToEmpty(e.targetType()),
                nullToEmpty(e.targetId()),
                e.runId() == null ? "" : e.runId().toString(),
                e.details());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
