package io.rcmos.server.audit;

import io.rcmos.server.AuditVerifyCli;
import io.rcmos.server.platform.RcmHome;
import io.rcmos.server.security.ApiTokens;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Tamper;
import io.rcmos.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * R7, audit tamper: a real chain of ten entries with a signed checkpoint at entry 8 (in the encrypted filesystem
 * store and in {@code audit_checkpoints}), then each tamper done for real — SQL with the append-only triggers switched
 * off, as someone with database access can; files changed or removed in the store — and {@code GET /audit/verify}
 * and {@code ./rcm audit verify} must name the first broken entry or checkpoint and the kind of tamper. A database of
 * its own; automatic checkpoints are pushed far out so each test decides where they are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTamperIT {

    private static final String OWN_DB = TestDatabases.freshDatabaseUrl();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        IntegrationTest.engines(registry, OWN_DB);
        registry.add("rcm.audit.checkpoint-every", () -> "1000000");
        registry.add("rcm.audit.checkpoint-interval", () -> "1000h");
        registry.add("rcm.audit.checkpoint-poll", () -> "1000h");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    AuditLog audit;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditKeys keys;

    @Autowired
    AuditProperties props;

    @Autowired
    CheckpointStore store;

    @Autowired
    RcmHome home;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    io.rcmos.server.platform.Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private Http http(Role role) {
        return new Http("http://127.0.0.1:" + port, role == null ? null : "Bearer " + tokens.issue("audit-it", role, "test").token());
    }

    /** Ten entries, a checkpoint signed after the eighth. */
    @BeforeEach
    void freshChain() throws Exception {
        tamper("delete from audit_log", "delete from audit_checkpoints", "delete from audit_chain_epochs",
                "insert into audit_chain_epochs (first_seq, algorithm) values (1, 'hmac-sha256')");
        Path objects = home.root().resolve("artifacts").resolve(props.checkpointPrefix());
        if (Files.isDirectory(objects)) {
            try (Stream<Path> files = Files.list(objects)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        append(8);
        assertThat(checkpoints.checkpointNow()).map(Checkpoint::seq).contains(8L);
        append(2);
    }

    private void append(int n) {
        for (int i = 0; i < n; i++) {
            tx.executeWithoutResult(s -> audit.append(Actor.bot("test"), "test.step", "thing", "t", null, Map.of("n", 1)));
        }
        // chained now, not by the ledger's next pass: the tampering below must find the whole chain in place
        ledger.flush();
    }

    private void tamper(String... sql) throws SQLException {
        Tamper.sql(dataSource, sql);
    }

    private JsonNode verify() {
        var r = http(Role.ADMIN).get("/audit/verify");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static void assertBroken(JsonNode v, Long seq, Long checkpoint, String kind) {
        assertThat(v.get("ok").asBoolean()).isFalse();
        JsonNode b = v.get("first_broken");
        assertThat(b.get("kind").asString()).isEqualTo(kind);
        assertThat(b.get("seq").isNull() ? null : b.get("seq").asLong()).isEqualTo(seq);
        assertThat(b.get("checkpoint").isNull() ? null : b.get("checkpoint").asLong()).isEqualTo(checkpoint);
        assertThat(b.get("reason").asString()).isNotBlank().doesNotContain("test.step").doesNotContain("thing");
    }

    @Test
    void intactChainVerifiesAgainstItsCheckpointAndTheDatabaseRefusesChanges() {
        JsonNode v = verify();
        assertThat(v.get("ok").asBoolean()).isTrue();
        assertThat(v.get("entries_checked").asLong()).isEqualTo(10);
        assertThat(v.get("first_broken").isNull()).isTrue();
        assertThat(v.get("keyed_from").asLong()).isEqualTo(1);
        assertThat(v.get("checkpoints").get("checked").asInt()).isEqualTo(1);
        assertThat(v.get("checkpoints").get("newest_seq").asLong()).isEqualTo(8);
        assertThat(v.get("checkpoints").get("entries_after_newest").asLong()).isEqualTo(2);
        assertThat(v.get("checkpoint_store").asString()).startsWith("filesystem");
        for (String table : List.of("audit_log", "audit_checkpoints", "audit_chain_epochs")) {
            String column = table.equals("audit_log") ? "ts" : "created_at";
            assertThatThrownBy(() -> jdbc.sql("update " + table + " set " + column + " = now()").update())
                    .rootCause().hasMessageContaining(table + " is append-only");
            assertThatThrownBy(() -> jdbc.sql("delete from " + table).update()).rootCause().hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.sql("truncate " + table).update()).rootCause().hasMessageContaining("append-only");
        }
        assertThat(jdbc.sql("select count(*) from audit_log").query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void editedEntryIsCaught() throws SQLException {
        tamper("update audit_log set actor = 'mallory' where seq = 3");
        assertBroken(verify(), 3L, null, "edited");
    }

    @Test
    void deletedEntryIsCaught() throws SQLException {
        tamper("delete from audit_log where seq = 4");
        assertBroken(verify(), 4L, null, "deleted");
    }

    @Test
    void deletedEntryWithTheRestRenumberedIsCaught() throws SQLException {
        tamper("delete from audit_log where seq = 4", "update audit_log set seq = seq - 1 where seq > 4");
        assertBroken(verify(), 4L, null, "deleted");
    }

    @Test
    void insertedEntryIsCaught() throws SQLException {
        tamper("update audit_log set seq = seq + 1000 where seq >= 5",
                "update audit_log set seq = seq - 999 where seq >= 1000",
                "insert into audit_log (seq, ts, actor, actor_type, action, details, prev_hash, hash) "
                        + "select 5, now(), 'mallory', 'user', 'forged', '{}', hash, repeat('a', 64) from audit_log where seq = 4");
        assertBroken(verify(), 5L, null, "inserted");
    }

    @Test
    void reorderedEntriesAreCaught() throws SQLException {
        tamper("update audit_log set seq = -2 where seq = 2",
                "update audit_log set seq = 2 where seq = 3",
                "update audit_log set seq = 3 where seq = -2");
        assertBroken(verify(), 2L, null, "reordered");
    }

    @Test
    void tailCutBehindTheNewestCheckpointIsCaughtEvenWithItsRowGone() throws SQLException {
        tamper("delete from audit_log where seq >= 7");
        JsonNode v = verify();
        assertBroken(v, 7L, 8L, "truncated");
        assertThat(v.get("first_broken").get("reason").asString()).contains("ends at entry 6").contains("covers entries up to 8");
        // the row of the checkpoint is in the same database: removing it too changes nothing, the store has the object
        tamper("delete from audit_checkpoints");
        assertBroken(verify(), 7L, 8L, "truncated");
    }

    @Test
    void fullRewriteWithoutTheKeyIsCaught() throws SQLException {
        // what someone with database access can compute: a consistent chain of plain SHA-256 (the pre-upgrade rule)
        List<String> rows = new ArrayList<>();
        rows.add("delete from audit_log");
        String prev = AuditChain.GENESIS;
        for (long seq = 1; seq <= 10; seq++) {
            AuditEntry e = new AuditEntry(seq, java.time.Instant.parse("2026-12-01T10:00:00Z").plusSeconds(seq), "mallory", "user",
                    "rewritten", null, null, null, "{}", prev, null);
            String hash = AuditChain.sha256(e);
            rows.add("insert into audit_log (seq, ts, actor, actor_type, action, details, prev_hash, hash) values (" + seq + ", '"
                    + e.ts() + "', 'mallory', 'user', 'rewritten', '{}', '" + prev + "', '" + hash + "')");
            prev = hash;
        }
        tamper(rows.toArray(String[]::new));
        assertBroken(verify(), 1L, null, "rewritten");
    }

    @Test
    void rewriteWithTheKeyedEpochMovedIsCaughtByTheSignedEpoch() throws SQLException {
        // the same rewrite, with the record of the keyed epoch moved past it so plain SHA-256 would be accepted
        tamper("delete from audit_chain_epochs", "insert into audit_chain_epochs (first_seq, algorithm) values (1000, 'hmac-sha256')",
                "update audit_log set actor = 'mallory' where seq = 2");
        JsonNode v = verify();
        assertBroken(v, null, 8L, "epoch_altered");
        assertThat(v.get("first_broken").get("reason").asString()).contains("1000").contains("says 1");
    }

    @Test
    void rewriteBySomeoneHoldingTheAuditKeyIsCaughtByTheCheckpoint() throws SQLException {
        // with the key, entries 2.. can be recomputed so that the chain verifies: the signed checkpoint still differs
        AuditChain keyed = new AuditChain(keys, 1);
        List<AuditEntry> entries = jdbc.sql(AuditRows.SELECT_IN_ORDER).query((rs, n) -> AuditRows.entry(rs)).list();
        List<String> rows = new ArrayList<>();
        String prev = entries.get(0).hash();
        for (AuditEntry e : entries.subList(1, entries.size())) {
            AuditEntry forged = new AuditEntry(e.seq(), e.ts(), "mallory", e.actorType(), e.action(), e.targetType(), e.targetId(), null,
                    e.details(), prev, null);
            String hash = keyed.hash(forged);
            rows.add("update audit_log set actor = 'mallory', prev_hash = '" + prev + "', hash = '" + hash + "' where seq = " + e.seq());
            prev = hash;
        }
        tamper(rows.toArray(String[]::new));
        assertBroken(verify(), 8L, 8L, "checkpoint_mismatch");
    }

    @Test
    void checkpointObjectAlteredOrRemovedOrForgedIsCaught() throws Exception {
        String name = Checkpoint.objectName(props.checkpointPrefix(), 8);
        Checkpoint real = Checkpoint.fromJson(store.read(name).orElseThrow());

        // rewritten through the store (someone with write access to the bucket): the signature no longer matches
        Checkpoint changed = new Checkpoint(real.seq(), "0".repeat(64), real.ts(), real.keyedFrom(), real.keyId(), real.publicKey(), real.signature());
        Path file = home.root().resolve("artifacts").resolve(name);
        byte[] original = Files.readAllBytes(file);
        store.writeRetained(name, changed.toJson(), "COMPLIANCE", java.time.Instant.now());
        assertBroken(verify(), null, 8L, "checkpoint_forged");

        // bytes flipped on disk (no artifact key): the store's own check fails
        byte[] flipped = original.clone();
        flipped[flipped.length - 1] ^= 1;
        rewrite(file, flipped);
        assertBroken(verify(), null, 8L, "checkpoint_forged");

        // removed from the store while its row stays
        Files.delete(file);
        assertBroken(verify(), null, 8L, "checkpoint_missing");

        // a row nobody signed
        rewrite(file, original);
        tamper("insert into audit_checkpoints (seq, hash, ts, keyed_from, key_id, public_key, signature, storage_key, protection) "
                + "values (9, repeat('b', 64), now(), 1, '" + real.keyId() + "', '" + real.publicKey() + "', '"
                + Base64.getEncoder().encodeToString(new byte[64]) + "', 'x', 'none')");
        assertBroken(verify(), null, 9L, "checkpoint_forged");
    }

    private static void rewrite(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, bytes);
    }

    @Test
    void checkpointsAreListedAndTheirSignatureChecksWithThePublishedKey() throws Exception {
        JsonNode key = http(null).get("/audit/checkpoints/key").json();
        assertThat(key.get("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(key.get("public_key").asString()).isEqualTo(keys.publicKeyBase64());
        JsonNode page = http(Role.ADMIN).get("/audit/checkpoints").json();
        assertThat(page.get("items")).hasSize(1);
        JsonNode cp = page.get("items").get(0);
        assertThat(cp.get("seq").asLong()).isEqualTo(8);
        assertThat(cp.get("hash").asString()).isEqualTo(jdbc.sql("select hash from audit_log where seq = 8").query(String.class).single());
        assertThat(cp.get("protection").asString()).startsWith("filesystem");

        // an outsider's check: the message from the documented template, the signature, the PEM, the JDK
        String message = key.get("signed_message").asString().replace("<seq>", cp.get("seq").asString())
                .replace("<hash>", cp.get("hash").asString()).replace("<ts>", cp.get("ts").asString())
                .replace("<keyed_from>", cp.get("keyed_from").asString()).replace("<key_id>", cp.get("key_id").asString());
        byte[] der = Base64.getMimeDecoder().decode(key.get("public_key_pem").asString()
                .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        ed.update(message.getBytes(StandardCharsets.UTF_8));
        assertThat(ed.verify(Base64.getDecoder().decode(cp.get("signature").asString()))).isTrue();

        assertThat(http(Role.OPERATOR).get("/audit/checkpoints").status()).isEqualTo(403);
        assertThat(http(Role.ADMIN).get("/audit/checkpoints?limit=0").status()).isEqualTo(400);
    }

    @Test
    void cliGivesTheSameVerdictsAndRefusesToGuessKeys() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Cli ok = runCli(Map.of());
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(json.readTree(ok.output()).get("entries_checked").asLong()).isEqualTo(10);

        tamper("update audit_log set action = 'rewritten' where seq = 2");
        Cli broken = runCli(Map.of());
        assertThat(broken.exit()).as(broken.output()).isEqualTo(1);
        JsonNode b = json.readTree(broken.output()).get("first_broken");
        assertThat(b.get("seq").asLong()).isEqualTo(2);
        assertThat(b.get("kind").asString()).isEqualTo("edited");

        Path empty = Files.createTempDirectory("rcm-no-keys");
        Cli noKeys = runCli(Map.of("RCM_HOME", empty.toString()));
        assertThat(noKeys.exit()).isEqualTo(2);
        assertThat(noKeys.output()).contains("RCM_AUDIT_KEY");
        assertThat(empty.resolve("keys")).doesNotExist();

        byte[] other = new byte[32];
        other[0] = 1;
        Cli wrongKey = runCli(Map.of("RCM_AUDIT_KEY", Base64.getEncoder().encodeToString(other)));
        assertThat(wrongKey.exit()).isEqualTo(2);
        assertThat(wrongKey.output()).contains("not the key that wrote this chain").doesNotContain(Base64.getEncoder().encodeToString(other));
    }

    private record Cli(int exit, String output) {
    }

    private Cli runCli(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), AuditVerifyCli.class.getName());
        pb.environment().put("DATABASE_URL", OWN_DB);
        pb.environment().put("RCM_HOME", home.root().toString());
        pb.environment().put("RCM_AUDIT_CHECKPOINT_PREFIX", props.checkpointPrefix());
        pb.environment().putAll(env);
        pb.redirectErrorStream(false);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Cli(p.waitFor(), out.isBlank() ? err : out);
    }

    @Test
    void listsEntriesNewestFirstWithFilters() {
        JsonNode page = http(Role.ADMIN).get("/audit?actor=test&limit=4").json();
        assertThat(page.get("items")).hasSize(4);
        assertThat(page.get("items").get(0).get("seq").asLong()).isEqualTo(10);
        assertThat(page.get("items").get(0).get("details").get("n").asInt()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("hash").asString()).hasSize(64).isNotEqualTo(HexFormat.of().formatHex(new byte[32]));
        JsonNode next = http(Role.ADMIN).get("/audit?actor=test&limit=4&cursor=" + page.get("next_cursor").asString()).json();
        assertThat(next.get("items")).hasSize(4);
        assertThat(http(Role.ADMIN).get("/audit?action=test.*").json().get("items")).hasSize(10);
        assertThat(http(Role.ADMIN).get("/audit?run_id=nope").status()).isEqualTo(400);
        assertThat(http(Role.ADMIN).get("/audit?from=yesterday").json().get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertThat(http(Role.OPERATOR).get("/audit").status()).isEqualTo(403);
    }
}
