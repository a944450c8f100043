package io.rcmos.server.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {

    private static final AuditKeys KEYS = AuditVerifierTest.keys(1);
    private static final Checkpoint CP = Checkpoint.sign(42, "ab".repeat(32), Instant.parse("2026-12-01T10:00:00.123456Z"), 7, KEYS);

    @Test
    void signedMessageIsTheDocumentedText() {
        assertThat(new String(CP.message(), StandardCharsets.UTF_8)).isEqualTo("""
                rcm-audit-checkpoint/1
                seq=42
                hash=%s
                ts=2026-12-01T10:00:00.123456Z
                keyed_from=7
                key_id=%s""".formatted("ab".repeat(32), KEYS.chainKeyId()));
    }

    @Test
    void verifiesWithTheDeploymentKeyOnlyAndOnlyUnchanged() {
        assertThat(CP.signedBy(KEYS)).isTrue();
        assertThat(CP.signedBy(AuditVerifierTest.keys(2))).isFalse();
        assertThat(new Checkpoint(43, CP.hash(), CP.ts(), CP.keyedFrom(), CP.keyId(), CP.publicKey(), CP.signature()).signedBy(KEYS)).isFalse();
        assertThat(new Checkpoint(42, "cd".repeat(32), CP.ts(), CP.keyedFrom(), CP.keyId(), CP.publicKey(), CP.signature()).signedBy(KEYS)).isFalse();
        assertThat(new Checkpoint(42, CP.hash(), CP.ts(), 1, CP.keyId(), CP.publicKey(), CP.signature()).signedBy(KEYS)).isFalse();
        // a checkpoint signed with another key that names that key is still not ours
        Checkpoint other = Checkpoint.sign(42, CP.hash(), CP.ts(), 7, AuditVerifierTest.keys(2));
        assertThat(other.signedBy(KEYS)).isFalse();
        assertThat(new Checkpoint(42, CP.hash(), CP.ts(), 7, CP.keyId(), CP.publicKey(), "not base64!").signedBy(KEYS)).isFalse();
    }

    @Test
    void anyoneCanCheckTheSignatureWithThePublishedPemAndTheJdk() throws Exception {
        String pem = KEYS.publicKeyPem();
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        jdk.update(CP.message());
        assertThat(jdk.verify(Base64.getDecoder().decode(CP.signature()))).isTrue();
    }

    @Test
    void storedObjectRoundTripsAndGarbageIsUnreadable() {
        Checkpoint back = Checkpoint.fromJson(CP.toJson());
        assertThat(back).isEqualTo(CP);
        assertThat(back.signedBy(KEYS)).isTrue();
        assertThatThrownBy(() -> Checkpoint.fromJson("{\"format\":\"rcm-audit-checkpoint/1\",\"seq\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Checkpoint.Unreadable.class);
        assertThatThrownBy(() -> Checkpoint.fromJson("not json".getBytes(StandardCharsets.UTF_8))).isInstanceOf(Checkpoint.Unreadable.class);
    }

    @Test
    void objectNamesSortInSequenceOrder() {
        assertThat(Checkpoint.objectName("audit/checkpoints/", 9)).isEqualTo("audit/checkpoints/0000000000000000009.json");
        assertThat(Checkpoint.objectName("p/", 10).compareTo(Checkpoint.objectName("p/", 9))).isPositive();
    }
}
