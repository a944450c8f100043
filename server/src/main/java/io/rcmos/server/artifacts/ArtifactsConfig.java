package io.rcmos.server.artifacts;

import io.rcmos.server.platform.RcmHome;
import io.rcmos.server.platform.crypto.SharedKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Picks the artifact store: S3 when an endpoint is configured, the encrypted filesystem store otherwise. */
@Configuration(proxyBeanMethods = false)
class ArtifactsConfig {

    static final String ENCRYPTION_KEY_FILE = "artifact.key";

    @Bean
    FilesystemArtifactStore.UrlSigner urlSigner(SharedKeys keys, Clock clock) {
        return new FilesystemArtifactStore.UrlSigner(keys.load(SharedKeys.Key.ARTIFACT_SIGNING), clock);
    }

    @Bean
    ArtifactStore artifactStore(ArtifactsProperties props, RcmHome home, SharedKeys keys, FilesystemArtifactStore.UrlSigner signer) {
        if (props.s3()) {
            return new S3ArtifactStore(props);
        }
        return new FilesystemArtifactStore(home.dir("artifacts"), keys.load(SharedKeys.Key.ARTIFACT_ENCRYPTION), signer);
    }

    /** Audit checkpoints live in the artifact store, beside the evidence. */
    @Bean
    AuditCheckpointObjects auditCheckpointStore(ArtifactStore store) {
        return new AuditCheckpointObjects(store);
    }
}
