package io.rcmos.server.artifacts;

import io.rcmos.server.platform.RcmHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Picks the artifact store: S3 when an endpoint is configured, the encrypted filesystem store otherwise. */
@Configuration(proxyBeanMethods = false)
class ArtifactsConfig {

    static final String ENCRYPTION_KEY_FILE = "artifact.key";

    @Bean
    FilesystemArtifactStore.UrlSigner urlSigner(ArtifactsProperties props, RcmHome home, Clock clock) {
        return new FilesystemArtifactStore.UrlSigner(
                io.rcmos.server.platform.crypto.Keys.load(props.signingKey(), "RCM_ARTIFACT_SIGNING_KEY", home.dir("keys"), "artifact-signing.key"), clock);
    }

    @Bean
    ArtifactStore artifactStore(ArtifactsProperties props, RcmHome home, FilesystemArtifactStore.UrlSigner signer) {
        if (props.s3()) {
            return new S3ArtifactStore(props);
        }
        return new FilesystemArtifactStore(home.dir("artifacts"),
                io.rcmos.server.platform.crypto.Keys.load(props.encryptionKey(), "RCM_ARTIFACT_KEY", home.dir("keys"), ENCRYPTION_KEY_FILE), signer);
    }

    /** Audit checkpoints live in the artifact store, beside the evidence. */
    @Bean
    AuditCheckpointObjects auditCheckpointStore(ArtifactStore store) {
        return new AuditCheckpointObjects(store);
    }
}
