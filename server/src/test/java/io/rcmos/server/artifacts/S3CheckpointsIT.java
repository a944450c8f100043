package io.rcmos.server.artifacts;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditCheckpoints;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.audit.AuditProperties;
import io.rcmos.server.security.ApiTokens;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.S3Server;
import io.rcmos.server.support.Tamper;
import io.rcmos.server.support.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Audit checkpoints in S3 (Adobe S3Mock as its own process): written by the server on its own every
 * {@code checkpoint-every} entries and after {@code checkpoint-interval}, each under Object Lock retention in a bucket
 * created with Object Lock, and checked by {@code GET /audit/verify}. S3Mock records retention but does not enforce it
 * (AWS S3 refuses to delete or overwrite a locked version): removing an object here shows what verification reports
 * where a store lets that happen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class S3CheckpointsIT {

    private static final String PLAIN = "rcm-audit-plain";
    private static final String LOCKED = "rcm-audit-locked";
    private static S3Server s3;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) throws Exception {
        IntegrationTest.engines(registry, TestDatabases.freshDatabaseUrl());
        if (s3 == null) {
            s3 = S3Server.start(PLAIN);
            try (S3Client client = client()) {
                client.createBucket(b -> b.bucket(LOCKED).objectLockEnabledForBucket(true));
            }
        }
        registry.add("rcm.artifacts.s3-endpoint", s3::endpoint);
        registry.add("rcm.artifacts.s3-bucket", () -> LOCKED);
        registry.add("rcm.artifacts.s3-access-key-id", () -> "test-key");
        registry.add("rcm.artifacts.s3-secret-access-key", () -> "test-secret");
        registry.add("rcm.audit.checkpoint-every", () -> "5");
        registry.add("rcm.audit.checkpoint-interval", () -> "1h");
        registry.add("rcm.audit.checkpoint-poll", () -> "200ms");
    }

    @AfterAll
    static void stopS3() throws InterruptedException {
        if (s3 != null) {
            s3.close();
        }
    }

    private static S3Client client() {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(s3.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    AuditLog audit;

    @Autowired
    AuditProperties props;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private long append(int n) {
        long seq = 0;
        for (int i = 0; i < n; i++) {
            seq = tx.execute(s -> audit.append(Actor.bot("test"), "test.step", "thing", "t", null, Map.of()));
        }
        return seq;
    }

    private long newestCheckpoint() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_checkpoints").query(Long.class).single();
    }

    private JsonNode verify() {
        return new Http("http://127.0.0.1:" + port, "Bearer " + tokens.issue("s3-audit-it", Role.ADMIN, "test").token())
                .get("/audit/verify").json();
    }

    @Test
    void checkpointsFollowTheEntriesUnderObjectLockAndVerify() throws Exception {
        // from a checkpoint of the tail, the server writes the next one by itself after five entries, and none before
        long first = append(1);
        checkpoints.checkpointNow();
        await().atMost(Duration.ofSeconds(30)).until(() -> newestCheckpoint() == first);
        append(4);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> newestCheckpoint() == first);
        long reached = append(1);
        assertThat(reached).isEqualTo(first + 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> newestCheckpoint() == reached);

        String key = jdbc.sql("select storage_key from audit_checkpoints where seq = ?").param(reached).query(String.class).single();
        Instant signed = jdbc.sql("select ts from audit_checkpoints where seq = ?").param(reached).query(java.sql.Timestamp.class).single().toInstant();
        try (S3Client client = client()) {
            ObjectLockRetention retention = client.getObjectRetention(b -> b.bucket(LOCKED).key(key)).retention();
            assertThat(retention.modeAsString()).isEqualTo("COMPLIANCE");
            assertThat(Duration.between(signed.plus(props.checkpointRetention()), retention.retainUntilDate()).abs()).isLessThan(Duration.ofMinutes(1));
            String object = client.getObjectAsBytes(b -> b.bucket(LOCKED).key(key)).asString(StandardCharsets.UTF_8);
            assertThat(object).contains("\"seq\":" + reached).contains("\"signature\"");
        }
        assertThat(jdbc.sql("select protection from audit_checkpoints where seq = ?").param(reached).query(String.class).single())
                .startsWith("s3 Object Lock COMPLIANCE until");

        JsonNode ok = verify();
        assertThat(ok.get("ok").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.get("checkpoint_store").asString()).contains("with Object Lock");
        assertThat(ok.get("checkpoints").get("newest_seq").asLong()).isEqualTo(reached);

        // the interval: the newest checkpoint made to look an hour and a half old; one more entry is then anchored alone
        Tamper.sql(dataSource, "update audit_checkpoints set ts = ts - interval '90 minutes' where seq = " + reached);
        long single = append(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> newestCheckpoint() == single);
        Tamper.sql(dataSource, "update audit_checkpoints set ts = ts + interval '90 minutes' where seq = " + reached);
        assertThat(verify().get("ok").asBoolean()).isTrue();

        // a store that lets a locked object go (S3Mock does; AWS does not): verification names the checkpoint
        try (S3Client client = client()) {
            client.deleteObject(b -> b.bucket(LOCKED).key(key));
        }
        JsonNode gone = verify();
        assertThat(gone.get("ok").asBoolean()).isFalse();
        assertThat(gone.get("first_broken").get("kind").asString()).isEqualTo("checkpoint_missing");
        assertThat(gone.get("first_broken").get("checkpoint").asLong()).isEqualTo(reached);
    }

    @Test
    void bucketWithoutObjectLockStoresPlainObjectsAndSaysSo() {
        S3ArtifactStore plain = new S3ArtifactStore(new ArtifactsProperties(s3.endpoint(), PLAIN, "us-east-1", "test-key", "test-secret",
                null, null, Duration.ofMinutes(15)));
        String protection = plain.putRetained("audit/checkpoints/x/0000000000000000001.json", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json", "COMPLIANCE", Instant.now().plus(Duration.ofDays(1)));
        assertThat(protection).contains("without Object Lock");
        assertThat(plain.retention()).contains("without Object Lock");
        assertThat(plain.list("audit/checkpoints/x/")).containsExactly("audit/checkpoints/x/0000000000000000001.json");
        try (S3Client client = client()) {
            assertThatThrownBy(() -> client.getObjectRetention(b -> b.bucket(PLAIN).key("audit/checkpoints/x/0000000000000000001.json")))
                    .isInstanceOf(S3Exception.class);
        }
        plain.close();
    }
}
