package io.rcmos.server.artifacts;

import io.rcmos.server.platform.crypto.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactCryptoTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private static byte[] read(InputStream in) throws Exception {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void roundTripsAndStoresNoPlaintext(@TempDir Path root) throws Exception {
        var store = new FilesystemArtifactStore(root, key(), new FilesystemArtifactStore.UrlSigner(key(), NOW));
        byte[] secret = "member UHC202649 born 1980-01-31".getBytes(StandardCharsets.UTF_8);
        store.put("runs/r1/a1", secret, "text/plain");
        assertThat(read(store.open("runs/r1/a1"))).isEqualTo(secret);
        byte[] onDisk = Files.readAllBytes(root.resolve("runs/r1/a1"));
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("UHC202649").doesNotContain("1980");
    }

    @Test
    void tamperedMovedOrForeignKeyedFilesFailToDecrypt(@TempDir Path root) throws Exception {
        byte[] key = key();
        var signer = new FilesystemArtifactStore.UrlSigner(key(), NOW);
        var store = new FilesystemArtifactStore(root, key, signer);
        store.put("runs/r1/a1", "evidence".getBytes(StandardCharsets.UTF_8), "text/plain");
        Path file = root.resolve("runs/r1/a1");
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = Arrays.copyOf(bytes, bytes.length);
        flipped[flipped.length - 1] ^= 1;
        Files.write(file, flipped);
        assertThatThrownBy(() -> store.open("runs/r1/a1")).hasMessageContaining("authentication");

        Files.createDirectories(root.resolve("runs/r2"));
        Files.write(root.resolve("runs/r2/a2"), bytes);
        assertThatThrownBy(() -> store.open("runs/r2/a2")).as("moved under another key").hasMessageContaining("authentication");

        Files.write(file, bytes);
        var other = new FilesystemArtifactStore(root, key(), signer);
        assertThatThrownBy(() -> other.open("runs/r1/a1")).hasMessageContaining("authentication");
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signedUrlsRejectTamperingAndExpiry() {
        var signer = new FilesystemArtifactStore.UrlSigner(key(), NOW);
        long future = NOW.instant().plusSeconds(600).getEpochSecond();
        String sig = signer.sign("a1", future);
        assertThat(signer.valid("a1", future, sig)).isTrue();
        assertThat(signer.valid("a2", future, sig)).as("other artifact").isFalse();
        assertThat(signer.valid("a1", future + 1, sig)).as("extended expiry").isFalse();
        assertThat(signer.valid("a1", future, sig.substring(1))).as("truncated").isFalse();
        assertThat(signer.valid("a1", future, null)).isFalse();
        long past = NOW.instant().minusSeconds(1).getEpochSecond();
        assertThat(signer.valid("a1", past, signer.sign("a1", past))).as("expired").isFalse();
    }

    @Test
    void configuredKeysMustBe256Bits(@TempDir Path dir) {
        assertThatThrownBy(() -> Keys.load("not base64!", "RCM_ARTIFACT_KEY", dir, "k")).hasMessageContaining("RCM_ARTIFACT_KEY");
        assertThatThrownBy(() -> Keys.load("AAAA", "RCM_ARTIFACT_KEY", dir, "k")).hasMessageContaining("32 bytes");
        byte[] generated = Keys.load(null, "RCM_ARTIFACT_KEY", dir, "k");
        assertThat(Keys.load(null, "RCM_ARTIFACT_KEY", dir, "k")).as("generated once, reused").isEqualTo(generated);
    }
}
