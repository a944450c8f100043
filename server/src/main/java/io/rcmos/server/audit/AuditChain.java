package io.rcmos.server.audit;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain rule. An entry's canonical form is {@code prev_hash \n seq \n ts \n actor \n actor_type \n action \n
 * target_type \n target_id \n run_id \n details}; the first entry's {@code prev_hash} is {@link #GENESIS}.
 * Entries from {@code keyedFrom} on (the keyed epoch, recorded by migration V11 when the chain was upgraded) carry
 * HMAC-SHA256 of it under the audit key, which is not in the database; entries written before the upgrade keep the
 * plain SHA-256 they were written with, and the first keyed entry's HMAC covers the last of them through its
 * {@code prev_hash}. Pure: no I/O, so the server, the CLI and tests verify with the same code.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private final long keyedFrom;
    private final ThreadLocal<Mac> mac;

    AuditChain(AuditKeys keys, long keyedFrom) {
        this.keyedFrom = keyedFrom;
        this.mac = ThreadLocal.withInitial(keys::newChainMac);
    }

    /** The first sequence number whose entries are keyed. */
    long keyedFrom() {
        return keyedFrom;
    }

    boolean keyed(long seq) {
        return seq >= keyedFrom;
    }

    /** The hash {@code e} must carry: HMAC-SHA256 in the keyed epoch, plain SHA-256 before it. */
    String hash(AuditEntry e) {
        return keyed(e.seq()) ? HexFormat.of().formatHex(mac.get().doFinal(canonical(e))) : sha256(e);
    }

    /** Plain SHA-256 of the canonical form: the rule before the keyed epoch, and what anyone can compute without the key. */
    static String sha256(AuditEntry e) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical(e)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] canonical(AuditEntry e) {
        return String.join("\n",
                e.prevHash(),
                Long.toString(e.seq()),
                e.ts().toString(),
                e.actor(),
                e.actorType(),
                e.action(),
                nullToEmpty(e.targetType()),
                nullToEmpty(e.targetId()),
                e.runId() == null ? "" : e.runId().toString(),
                e.details()).getBytes(StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
