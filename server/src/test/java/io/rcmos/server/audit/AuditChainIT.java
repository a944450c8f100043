package io.rcmos.server.audit;

import io.rcmos.server.security.Role;
import io.rcmos.server.security.ApiTokens;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import io.rcmos.server.support.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit chain against real PostgreSQL, in a database of its own (these tests tamper with it): the database
 * refuses changes; edits, deletions, reorders and insertions made behind its back are each caught, by the API and
 * by the CLI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditChainIT {

    private static final String OWN_DB = TestDatabases.freshDatabaseUrl();

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        IntegrationTest.engines(registry, OWN_DB);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    private Http http(Role role) {
        return new Http("http://127.0.0.1:" + port, "Bearer " + tokens.issue("audit-it", role, "test").token());
    }

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void freshChain() throws SQLException {
        tamper("delete from audit_log");
        for (int i = 0; i < 6; i++) {
            int n = i;
            tx.executeWithoutResult(s -> audit.append(Actor.bot("test"), "test.step", "thing", "t" + n, null, Map.of("n", n)));
        }
    }

    /** Runs SQL with triggers off, as someone with direct database access could. */
    private void tamper(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            s.execute(sql);
            s.execute("set session_replication_role = origin");
        }
    }

    private JsonNode verify() {
        var r = http(Role.ADMIN).get("/audit/verify");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void intactChainVerifiesAndTheDatabaseRefusesChanges() {
        assertThat(verify().get("ok").asBoolean()).isTrue();
        assertThat(verify().get("entries_checked").asLong()).isEqualTo(6);
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'x' where seq = 1").update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where seq = 1").update()).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_log").query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void editedEntryIsCaught() throws SQLException {
        tamper("update audit_log set actor = 'mallory' where seq = 3");
        JsonNode v = verify();
        assertThat(v.get("ok").asBoolean()).isFalse();
        assertThat(v.get("first_broken").get("seq").asLong()).isEqualTo(3);
        assertThat(v.get("first_broken").get("reason").asString()).contains("edited");
    }

    @Test
    void deletedEntryIsCaught() throws SQLException {
        tamper("delete from audit_log where seq = 4");
        JsonNode v = verify();
        assertThat(v.get("first_broken").get("seq").asLong()).isEqualTo(4);
        assertThat(v.get("first_broken").get("reason").asString()).contains("deleted");
    }

    @Test
    void reorderedEntriesAreCaught() throws SQLException {
        tamper("update audit_log set seq = -2 where seq = 2");
        tamper("update audit_log set seq = 2 where seq = 3");
        tamper("update audit_log set seq = 3 where seq = -2");
        JsonNode v = verify();
        assertThat(v.get("first_broken").get("seq").asLong()).isEqualTo(2);
        assertThat(v.get("first_broken").get("reason").asString()).contains("prev_hash");
    }

    @Test
    void insertedEntryIsCaught() throws SQLException {
        tamper("update audit_log set seq = seq + 1000 where seq >= 5");
        tamper("update audit_log set seq = seq - 999 where seq >= 1000");
        tamper("insert into audit_log (seq, ts, actor, actor_type, action, details, prev_hash, hash) "
                + "select 5, now(), 'mallory', 'user', 'forged', '{}', hash, repeat('a', 64) from audit_log where seq = 4");
        JsonNode v = verify();
        assertThat(v.get("first_broken").get("seq").asLong()).isEqualTo(5);
    }

    @Test
    void cliReportsTheSameVerdictWithExitCodes() throws Exception {
        assertThat(runCli()).startsWith("0:").contains("\"ok\": true");
        tamper("update audit_log set action = 'rewritten' where seq = 2");
        String out = runCli();
        assertThat(out).startsWith("1:").contains("\"seq\": 2");
    }

    @Test
    void listsEntriesNewestFirstWithFilters() {
        JsonNode page = http(Role.ADMIN).get("/audit?actor=test&limit=4").json();
        assertThat(page.get("items")).hasSize(4);
        assertThat(page.get("items").get(0).get("seq").asLong()).isEqualTo(6);
        assertThat(page.get("items").get(0).get("details").get("n").asInt()).isEqualTo(5);
        JsonNode next = http(Role.ADMIN).get("/audit?actor=test&limit=4&cursor=" + page.get("next_cursor").asString()).json();
        assertThat(next.get("items")).hasSize(2);
        assertThat(http(Role.ADMIN).get("/audit?action=test.*").json().get("items")).hasSize(6);
        assertThat(http(Role.ADMIN).get("/audit?run_id=nope").status()).isEqualTo(400);
        assertThat(http(Role.ADMIN).get("/audit?from=yesterday").json().get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertThat(http(Role.OPERATOR).get("/audit").status()).isEqualTo(403);
    }

    private String runCli() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), AuditVerifyCli.class.getName());
        pb.environment().put("DATABASE_URL", OWN_DB);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() + ":" + out;
    }
}
