package io.rcmos.server.artifacts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Artifact settings. With {@code s3Endpoint} or {@code s3Bucket} explicitly configured for S3 use, artifacts go to S3;
 * otherwise to {@code RCM_HOME/artifacts}, AES-GCM encrypted with {@code encryptionKey} (base64 of 32 bytes, or a key
 * generated once into {@code RCM_HOME/keys}), downloads signed with {@code signingKey} (same rule).
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
        @DefaultValue("15m") Duration urlTtl) {

    public boolean s3() {
        return s3Endpoint != null && !s3Endpoint.isBlank();
    }
}
