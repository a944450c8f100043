package io.rcmos.server.artifacts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Artifact settings. With {@code s3Endpoint} or {@code s3Bucket} explicitly configured for S3 use, artifacts go to S3;
 * otherwise to {@code RCM_HOME/artifacts}, AES-GCM encrypted with {@code encryptionKey} (base64 of 32 bytes, or a key
 * generated once into {@code RCM_HOME/keys}), downloads signed with {@code signingKey} (same rule).
 *
 * <p>{@code s3Sse} is the server-side encryption requested for S3 objects: {@code aes256} (SSE-S3: AWS, or MinIO
 * configured with a KMS key such as {@code MINIO_KMS_SECRET_KEY}), {@code none} (a store that refuses SSE headers and
 * encrypts by itself or not at all), or {@code auto} — SSE-S3 except on a loopback endpoint (test servers). SSE-KMS is
 * never requested. {@code s3PublicEndpoint}, when set, is the address presigned download links name (the store as
 * browsers reach it, e.g. {@code http://localhost:9000} when the servers reach it as {@code http://minio:9000}).
 */
@ConfigurationProperties("rcm.artifacts")
public record ArtifactsProperties(
        String s3Endpoint,
        @DefaultValue("rcm-artifacts") String s3Bucket,
        @DefaultValue("us-east-1") String s3Region,
        String s3AccessKeyId,
        String s3SecretAccessKey,
        String encryptionKey,
        String signingKey,
        @DefaultValue("15m") Duration urlTtl,
        @DefaultValue("auto") String s3Sse,
        String s3PublicEndpoint) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public ArtifactsProperties {
    }

    public ArtifactsProperties(String s3Endpoint, String s3Bucket, String s3Region, String s3AccessKeyId, String s3SecretAccessKey,
                               String encryptionKey, String signingKey, Duration urlTtl) {
        this(s3Endpoint, s3Bucket, s3Region, s3AccessKeyId, s3SecretAccessKey, encryptionKey, signingKey, urlTtl, "auto", null);
    }

    public boolean s3() {
        return s3Endpoint != null && !s3Endpoint.isBlank();
    }
}
