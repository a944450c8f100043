package io.rcmos.server.artifacts;

import org.springframework.http.HttpStatus;
import io.rcmos.server.platform.crypto.Aead;
import io.rcmos.server.platform.web.ApiProblem;
import javax.crypto.Mac;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Artifacts as files under {@code RCM_HOME/artifacts}, each encrypted with AES-256-GCM: a fresh 12-byte nonce per
 * file, the storage key as associated data (so a file moved under another key fails to decrypt), the nonce stored
 * in front of the ciphertext. Downloads are served by the API behind URLs signed with HMAC-SHA256 over the artifact
 * id and expiry.
 */
final class FilesystemArtifactStore implements ArtifactStore {

    private final Path root;
    private final Aead aead;
    private final UrlSigner signer;

    FilesystemArtifactStore(Path root, byte[] encryptionKey, UrlSigner signer) {
        this.root = root;
        this.aead = new Aead(encryptionKey);
        this.signer = signer;
    }

    @Override
    public void put(String storageKey, byte[] bytes, String contentType) {
        Path file = path(storageKey);
        try {
            byte[] out = aead.seal(storageKey, bytes);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".upload", ".tmp");
            Files.write(tmp, out);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact", e);
        }
    }

    @Override
    public InputStream open(String storageKey) {
        try {
            byte[] stored = Files.readAllBytes(path(storageKey));
            return new ByteArrayInputStream(aead.open(storageKey, stored));
        } catch (NoSuchFileException e) {
            throw new ArtifactMissing();
        } catch (Aead.Tampered e) {
            throw new ArtifactTampered();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact", e);
        }
    }

    @Override
    public String putRetained(String storageKey, byte[] bytes, String contentType, String lockMode, Instant retainUntil) {
        put(storageKey, bytes, contentType);
        try {
            Files.setPosixFilePermissions(path(storageKey), PosixFilePermissions.fromString("r--------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file stays writable
        } catch (IOException e) {
            throw new UncheckedIOException("cannot protect artifact", e);
        }
        return retention();
    }

    @Override
    public List<String> list(String prefix) {
        Path start = path(prefix.endsWith("/") ? prefix + "x" : prefix).getParent();
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(k -> k.startsWith(prefix) && !k.endsWith(".tmp"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list artifacts", e);
        }
    }

    @Override
    public String retention() {
        return "filesystem under RCM_HOME/artifacts: an encrypted read-only file, not write-once (whoever can write the "
                + "directory can replace or delete it)";
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
        String probe = "health/probe-" + java.util.UUID.randomUUID();
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

    /** The stored bytes fail authentication: altered on disk, or sealed under another key. */
    static final class ArtifactTampered extends IllegalStateException {
        ArtifactTampered() {
            super("artifact failed authentication (tampered, or another key)");
        }
    }

    /** The manifest names bytes the store no longer has. */
    static final class ArtifactMissing extends ApiProblem {
        ArtifactMissing() {
            super(HttpStatus.GONE, "artifact_missing", "the artifact's bytes are no longer stored");
        }
    }
}
