package io.rcmos.server.artifacts;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which server-side encryption the S3 store asks for: SSE-S3 or nothing, never SSE-KMS (MinIO without a KMS refuses it). */
class S3EncryptionTest {

    private static final URI MINIO = URI.create("http://minio:9000");
    private static final URI LOOPBACK = URI.create("http://127.0.0.1:9000");

    @Test
    void autoAsksForSseS3ExceptOnTheLoopback() {
        assertThat(S3ArtifactStore.requestEncryption("auto", MINIO)).isTrue();
        assertThat(S3ArtifactStore.requestEncryption(null, MINIO)).isTrue();
        assertThat(S3ArtifactStore.requestEncryption("auto", LOOPBACK)).isFalse();
    }

    @Test
    void explicitModesWin() {
        assertThat(S3ArtifactStore.requestEncryption("AES256", LOOPBACK)).isTrue();
        assertThat(S3ArtifactStore.requestEncryption("none", MINIO)).isFalse();
        assertThatThrownBy(() -> S3ArtifactStore.requestEncryption("aws:kms", MINIO)).hasMessageContaining("S3_SSE");
    }
}
