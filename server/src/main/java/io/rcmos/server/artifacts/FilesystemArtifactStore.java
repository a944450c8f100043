package io.rcmos.server.artifacts;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Artifacts as files under {@code RCM_HOME/artifacts}, each encrypted with AES-256-GCM: a fresh 12-byte nonce per
 * file, the storage key as associated data (so a file moved under another key fails to decrypt), the nonce stored
 * in front of the ciphertext. Downloads are served by the API behind URLs signed with HMAC-SHA256 over the artifact
 * id and expiry.
 */
final class FilesystemArtifactStore implements ArtifactStore {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final SecretKeySpec key;
    private final UrlSigner signer;

    FilesystemArtifactStore(Path root, byte[] encryptionKey, UrlSigner signer) {
        this.root = root;
        this.key = new SecretKeySpec(encryptionKey, "AES");
        this.signer = signer;
    }

    @Override
    public void put(String storageKey, byte[] bytes, String contentType) {
        Path file = path(storageKey);
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(storageKey.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(bytes);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".upload", ".tmp");
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            Files.write(tmp, out);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("artifact encryption failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact", e);
        }
    }

    @Override
    public InputStream open(String storageKey) {
        try {
            byte[] stored = Files.readAllBytes(path(storageKey));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 0, NONCE)));
            cipher.updateAAD(storageKey.getBytes(StandardCharsets.UTF_8));
            return new ByteArrayInputStream(cipher.doFinal(stored, NONCE, stored.length - NONCE));
        } catch (NoSuchFileException e) {
            throw new ArtifactMissing();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("artifact failed authentication (tampered, or another key)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact", e);
        }
    }

    @Override
    public void delete(String storageKey) {
        try {
            Files.deleteIfExists(path(storageKey));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete artifact", e);
        }
    }

    @Override
    public String downloadUrl(String storageKey, String artifactId, String contentType, String fileName, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        return "/artifacts/" + artifactId + "/download?expires=" + expires + "&signature="
                + URLEncoder.encode(signer.sign(artifactId, expires), StandardCharsets.UTF_8);
    }

    @Override
    public void probe() {
        String probe = "health/probe-" + RANDOM.nextLong();
        byte[] payload = "ok".getBytes(StandardCharsets.UTF_8);
        put(probe, payload, "text/plain");
        try (InputStream in = open(probe)) {
            if (!Arrays.equals(in.readAllBytes(), payload)) {
                throw new IllegalStateException("artifact store read back different bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(probe);
        }
    }

    @Override
    public String describe() {
        return "filesystem";
    }

    private Path path(String storageKey) {
        Path p = root.resolve(storageKey).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("storage key escapes the artifact root");
        }
        return p;
    }

    /** HMAC-SHA256 signatures of (artifact id, expiry), compared in constant time. */
    static final class UrlSigner {
        private final SecretKeySpec key;
        private final Clock clock;

        UrlSigner(byte[] key, Clock clock) {
            this.key = new SecretKeySpec(key, "HmacSHA256");
            this.clock = clock;
        }

        String sign(String artifactId, long expires) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                byte[] sig = mac.doFinal((artifactId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** True when the signature is ours and the URL has not expired. */
        boolean valid(String artifactId, long expires, String signature) {
            if (signature == null || expires < clock.instant().getEpochSecond()) {
                return false;
            }
            return MessageDigest.isEqual(sign(artifactId, expires).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The manifest names bytes the store no longer has. */
    static final class ArtifactMissing extends io.rcmos.server.platform.web.ApiProblem {
        ArtifactMissing() {
            super(org.springframework.http.HttpStatus.GONE, "artifact_missing", "the artifact's bytes are no longer stored");
        }
    }
}
