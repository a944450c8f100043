package io.rcmos.server.artifacts;

import io.rcmos.server.audit.CheckpointStore;
import io.rcmos.server.platform.crypto.Keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The audit module's checkpoints as objects of the artifact store (no manifest rows: they belong to no run). */
public final class AuditCheckpointObjects implements CheckpointStore {

    private final ArtifactStore store;

    AuditCheckpointObjects(ArtifactStore store) {
        this.store = store;
    }

    /**
     * The configured deployment's store, for tools that run beside it ({@code ./rcm audit verify}): S3 as configured,
     * or the encrypted filesystem store of {@code home} with its existing key — never a new one.
     */
    public static AuditCheckpointObjects open(ArtifactsProperties props, Path home) {
        if (props.s3()) {
            return new AuditCheckpointObjects(new S3ArtifactStore(props));
        }
        byte[] key = Keys.find(props.encryptionKey(), "RCM_ARTIFACT_KEY", home.resolve("keys"), ArtifactsConfig.ENCRYPTION_KEY_FILE)
                .orElseThrow(() -> new IllegalStateException("the artifact key is not available: set RCM_ARTIFACT_KEY or run with the RCM_HOME that holds keys/"
                        + ArtifactsConfig.ENCRYPTION_KEY_FILE));
        // reading only: this store never hands out download links, so their signing key may be anything
        byte[] unusedLinkKey = new byte[32];
        new SecureRandom().nextBytes(unusedLinkKey);
        return new AuditCheckpointObjects(new FilesystemArtifactStore(home.resolve("artifacts"), key,
                new FilesystemArtifactStore.UrlSigner(unusedLinkKey, Clock.systemUTC())));
    }

    @Override
    public String writeRetained(String name, byte[] bytes, String lockMode, Instant retainUntil) {
        return store.putRetained(name, bytes, "application/json", lockMode, retainUntil);
    }

    @Override
    public Optional<byte[]> read(String name) {
        try (InputStream in = store.open(name)) {
            return Optional.of(in.readAllBytes());
        } catch (FilesystemArtifactStore.ArtifactMissing e) {
            return Optional.empty();
        } catch (FilesystemArtifactStore.ArtifactTampered e) {
            throw new Corrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint", e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public String describe() {
        return store.retention();
    }
}
