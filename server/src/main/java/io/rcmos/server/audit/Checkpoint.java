package io.rcmos.server.audit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A signed statement "the audit chain had {@code seq} entries and the last one's hash was {@code hash} at {@code ts}".
 * The Ed25519 signature covers exactly {@link #message()}:
 * <pre>
 * rcm-audit-checkpoint/1
 * seq=&lt;seq&gt;
 * hash=&lt;hash&gt;
 * ts=&lt;ISO-8601 instant&gt;
 * keyed_from=&lt;first keyed seq&gt;
 * key_id=&lt;fingerprint of the chain key&gt;
 * </pre>
 * (lines joined by {@code \n}, none after the last). Stored as a JSON object in the artifact store, one per sequence
 * number, and as a row of {@code audit_checkpoints}.
 */
public record Checkpoint(long seq, String hash, Instant ts, long keyedFrom, String keyId, String publicKey, String signature) {

    static final String FORMAT = "rcm-audit-checkpoint/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Checkpoint sign(long seq, String hash, Instant ts, long keyedFrom, AuditKeys keys) {
        String keyId = keys.chainKeyId();
        byte[] signature = keys.sign(message(seq, hash, ts, keyedFrom, keyId));
        return new Checkpoint(seq, hash, ts, keyedFrom, keyId, keys.publicKeyBase64(), Base64.getEncoder().encodeToString(signature));
    }

    byte[] message() {
        return message(seq, hash, ts, keyedFrom, keyId);
    }

    private static byte[] message(long seq, String hash, Instant ts, long keyedFrom, String keyId) {
        return String.join("\n", FORMAT, "seq=" + seq, "hash=" + hash, "ts=" + ts, "keyed_from=" + keyedFrom, "key_id=" + keyId)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** True when this deployment's signing key signed exactly these fields. */
    boolean signedBy(AuditKeys keys) {
        try {
            return keys.isPublicKey(publicKey) && keys.verify(message(), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Same statement (the signature aside: Ed25519 is deterministic, but compare what is asserted). */
    boolean sameAs(Checkpoint other) {
        return seq == other.seq && hash.equals(other.hash) && ts.equals(other.ts) && keyedFrom == other.keyedFrom
                && keyId.equals(other.keyId);
    }

    /** The object's name under the deployment's checkpoint prefix: zero-padded, so names sort in sequence order. */
    static String objectName(String prefix, long seq) {
        return prefix + String.format("%019d", seq) + ".json";
    }

    byte[] toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("seq", seq);
        o.put("hash", hash);
        o.put("ts", ts.toString());
        o.put("keyed_from", keyedFrom);
        o.put("key_id", keyId);
        o.put("algorithm", "Ed25519");
        o.put("public_key", publicKey);
        o.put("signature", signature);
        return JSON.writeValueAsBytes(o);
    }

    /** Reads a stored checkpoint object; {@link Unreadable} when it is not one. */
    static Checkpoint fromJson(byte[] bytes) {
        try {
            JsonNode o = JSON.readTree(bytes);
            if (!o.isObject() || !FORMAT.equals(text(o, "format"))) {
                throw new Unreadable("not an " + FORMAT + " object");
            }
            return new Checkpoint(number(o, "seq"), text(o, "hash"), Instant.parse(text(o, "ts")), number(o, "keyed_from"),
                    text(o, "key_id"), text(o, "public_key"), text(o, "signature"));
        } catch (JacksonException | DateTimeParseException e) {
            throw new Unreadable("not valid JSON with the checkpoint's fields");
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isString()) {
            throw new Unreadable("field " + field + " is missing or not a string");
        }
        return v.asString();
    }

    private static long number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new Unreadable("field " + field + " is missing or not an integer");
        }
        return v.asLong();
    }

    /** A stored object that is not a readable checkpoint. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
