package io.rcmos.server.platform.crypto;

import io.rcmos.server.platform.RcmHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedKeysTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static MockEnvironment everyKeyConfigured() {
        MockEnvironment env = new MockEnvironment();
        for (SharedKeys.Key key : SharedKeys.Key.values()) {
            env.setProperty(key.property(), KEY);
        }
        return env;
    }

    @Test
    void aLoneEmbeddedProcessGeneratesMissingKeysOnce(@TempDir Path home) {
        SharedKeys keys = new SharedKeys(new MockEnvironment(), new RcmHome(home.toString()));
        assertThat(keys.mayGenerate()).isTrue();
        byte[] first = keys.load(SharedKeys.Key.AUDIT_CHAIN);
        assertThat(first).hasSize(32);
        assertThat(Files.exists(home.resolve("keys/audit-chain.key"))).isTrue();
        assertThat(new SharedKeys(new MockEnvironment(), new RcmHome(home.toString())).load(SharedKeys.Key.AUDIT_CHAIN)).isEqualTo(first);
    }

    @Test
    void aSplitProcessWithoutSharedKeysRefusesToStartNamingEveryMissingVariable(@TempDir Path home) {
        MockEnvironment worker = new MockEnvironment().withProperty("rcm.roles.api", "false");
        assertThatThrownBy(() -> new SharedKeys(worker, new RcmHome(home.toString())))
                .isInstanceOf(SharedKeys.Missing.class)
                .hasMessageContaining("RCM_ROLE_API=false")
                .hasMessageContaining("RCM_TEMPORAL_CODEC_KEY").hasMessageContaining("RCM_AUDIT_KEY")
                .hasMessageContaining("RCM_AUDIT_SIGNING_KEY").hasMessageContaining("RCM_IDEMPOTENCY_KEY")
                .hasMessageContaining("RCM_INBOX_ANSWER_KEY").hasMessageContaining("RCM_ARTIFACT_SIGNING_KEY")
                .hasMessageContaining("RCM_ARTIFACT_KEY").hasMessageContaining("RCM_SIGN_IN_KEY")
                .hasMessageContaining("RCM_PORTAL_SESSION_KEY");
        assertThat(home.resolve("keys")).isEmptyDirectory();
    }

    @Test
    void aTemporalClusterCountsAsSplitAndS3NeedsNoArtifactEncryptionKey(@TempDir Path home) {
        MockEnvironment env = everyKeyConfigured().withProperty("rcm.temporal.address", "temporal:7233")
                .withProperty("rcm.artifacts.s3-endpoint", "http://minio:9000");
        env.setProperty(SharedKeys.Key.ARTIFACT_ENCRYPTION.property(), "");
        SharedKeys keys = new SharedKeys(env, new RcmHome(home.toString()));
        assertThat(keys.mayGenerate()).isFalse();
        assertThat(keys.load(SharedKeys.Key.TEMPORAL_CODEC)).hasSize(32);
        assertThatThrownBy(() -> keys.load(SharedKeys.Key.ARTIFACT_ENCRYPTION)).isInstanceOf(SharedKeys.Missing.class);

        env.setProperty(SharedKeys.Key.SIGN_IN.property(), "");
        assertThatThrownBy(() -> new SharedKeys(env, new RcmHome(home.toString())))
                .isInstanceOf(SharedKeys.Missing.class).hasMessageContaining("TEMPORAL_ADDRESS")
                .hasMessageContaining("RCM_SIGN_IN_KEY").hasMessageNotContaining("RCM_AUDIT_KEY");
    }

    @Test
    void keysAlreadyInASharedKeysDirectoryAreEnough(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("keys"));
        for (SharedKeys.Key key : SharedKeys.Key.values()) {
            Files.writeString(home.resolve("keys").resolve(key.file()), KEY);
        }
        SharedKeys keys = new SharedKeys(new MockEnvironment().withProperty("rcm.roles.worker", "false"), new RcmHome(home.toString()));
        assertThat(keys.load(SharedKeys.Key.IDEMPOTENCY)).isEqualTo(new byte[32]);
    }

    @Test
    void theModeCanBeForced(@TempDir Path home) {
        assertThatThrownBy(() -> new SharedKeys(new MockEnvironment().withProperty("rcm.keys.shared", "required"), new RcmHome(home.toString())))
                .isInstanceOf(SharedKeys.Missing.class).hasMessageContaining("RCM_SHARED_KEYS=required");
        assertThat(new SharedKeys(new MockEnvironment().withProperty("rcm.keys.shared", "generate").withProperty("rcm.roles.api", "false"),
                new RcmHome(home.toString())).mayGenerate()).isTrue();
        assertThatThrownBy(() -> new SharedKeys(new MockEnvironment().withProperty("rcm.keys.shared", "sometimes"), new RcmHome(home.toString())))
                .hasMessageContaining("RCM_SHARED_KEYS");
    }
}
