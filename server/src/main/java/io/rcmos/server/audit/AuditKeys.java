package io.rcmos.server.audit;

import io.rcmos.server.platform.crypto.SharedKeys;
import io.rcmos.server.platform.crypto.Keys;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The audit log's two keys, both kept outside the database: the HMAC key of the chain (secret: whoever holds it can
 * write entries that verify) and the Ed25519 key that signs checkpoints (its public half is published so anyone can
 * check a checkpoint). The server generates missing keys under {@code RCM_HOME/keys}; verifying tools only read them.
 */
public final class AuditKeys {

    static final String CHAIN_KEY_FILE = "audit-chain.key";
    static final String SIGNING_KEY_FILE = "audit-signing.key";

    private final byte[] chainKey;
    private final Ed25519PrivateKeyParameters signingKey;
    private final byte[] publicKey;

    AuditKeys(byte[] chainKey, byte[] signingSeed) {
        this.chainKey = chainKey.clone();
        this.signingKey = new Ed25519PrivateKeyParameters(signingSeed, 0);
        this.publicKey = signingKey.generatePublicKey().getEncoded();
    }

    /** The deployment's keys, generated into {@code keysDir} when neither configured nor there yet (the server). */
    static AuditKeys loadOrCreate(SharedKeys keys) {
        return new AuditKeys(keys.load(SharedKeys.Key.AUDIT_CHAIN),
                keys.load(SharedKeys.Key.AUDIT_SIGNING));
    }

    /** The deployment's keys as configured or found in {@code keysDir}; {@link Missing} names what is absent (tools). */
    public static AuditKeys existing(AuditProperties props, Path keysDir) {
        byte[] chain = Keys.find(props.key(), "RCM_AUDIT_KEY", keysDir, CHAIN_KEY_FILE)
                .orElseThrow(() -> new Missing("RCM_AUDIT_KEY", keysDir.resolve(CHAIN_KEY_FILE)));
        byte[] seed = Keys.find(props.signingKey(), "RCM_AUDIT_SIGNING_KEY", keysDir, SIGNING_KEY_FILE)
                .orElseThrow(() -> new Missing("RCM_AUDIT_SIGNING_KEY", keysDir.resolve(SIGNING_KEY_FILE)));
        return new AuditKeys(chain, seed);
    }

    /** A key the verifier needs is neither configured nor in the keys directory. */
    public static final class Missing extends IllegalStateException {
        Missing(String variable, Path file) {
            super("the audit key is not available: set " + variable + " or run with the RCM_HOME that holds " + file);
        }
    }

    /** A fresh HMAC-SHA256 over the chain key (a {@link Mac} is not thread-safe: one per thread). */
    Mac newChainMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(chainKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * Names the chain key without revealing it: the first 16 hex digits of HMAC(key, "rcm-audit-key-id"). Checkpoints
     * carry it, so a verifier given another key says so instead of calling every entry edited.
     */
    String chainKeyId() {
        return HexFormat.of().formatHex(newChainMac().doFinal("rcm-audit-key-id".getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    }

    byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, signingKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** True when {@code signature} is this deployment's signature of {@code message}. */
    boolean verify(byte[] message, byte[] signature) {
        if (signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** The raw 32-byte Ed25519 public key, base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** The public key as PEM (SubjectPublicKeyInfo), for {@code openssl pkeyutl -verify -pubin -rawin}. */
    public String publicKeyPem() {
        try {
            byte[] der = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(new Ed25519PublicKeyParameters(publicKey, 0)).getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isPublicKey(String base64) {
        try {
            return Arrays.equals(publicKey, Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
