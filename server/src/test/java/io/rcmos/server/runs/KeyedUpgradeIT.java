package io.rcmos.server.runs;

import io.rcmos.server.channels.Purpose;
import io.rcmos.server.security.ApiTokens;
import io.rcmos.server.security.Role;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.TestDatabases;
import io.rcmos.x12.model.EligibilityRequest;
import io.rcmos.x12.model.Provider;
import io.rcmos.x12.model.Subscriber;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The upgrade to keyed hashes on a database the previous release wrote: migrated to V10 and filled the way that
 * release filled it — an audit chain in plain SHA-256, a run whose idempotency key is the unkeyed hash — and only then
 * started with this release (V11 and keyed writers). History stays as written and verifies; the question asked before
 * the upgrade finds its run again; new runs and entries are keyed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyedUpgradeIT {

    private static final String DB = TestDatabases.freshDatabaseUrl();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final UUID OLD_RUN = UUID.randomUUID();
    private static final String OLD_MEMBER = "OLD" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private static final List<String> OLD_HASHES = new ArrayList<>();

    @DynamicPropertySource
    static void databaseOfThePreviousRelease(DynamicPropertyRegistry registry) throws Exception {
        if (OLD_HASHES.isEmpty()) {
            Flyway.configure().dataSource(DB, "postgres", "").locations("classpath:db/migration").target("10").load().migrate();
            try (Connection c = DriverManager.getConnection(DB)) {
                writePreviousReleaseRows(c);
            }
        }
        IntegrationTest.engines(registry, DB);
    }

    /** What release 5b9fad2 wrote: five audit entries chained with SHA-256, and a run keyed by the unkeyed hash. */
    private static void writePreviousReleaseRows(Connection c) throws Exception {
        String prev = "0".repeat(64);
        try (PreparedStatement s = c.prepareStatement("insert into audit_log (seq, ts, actor, actor_type, action, target_type, target_id, "
                + "run_id, details, prev_hash, hash) values (?, ?, 'admin', 'user', 'user.created', 'user', ?, null, '{}', ?, ?)")) {
            for (int seq = 1; seq <= 5; seq++) {
                Instant ts = Instant.parse("2026-11-01T09:00:00Z").plusSeconds(seq);
                String canonical = String.join("\n", prev, Integer.toString(seq), ts.toString(), "admin", "user", "user.created",
                        "user", "u" + seq, "", "{}");
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
                s.setLong(1, seq);
                s.setTimestamp(2, Timestamp.from(ts));
                s.setString(3, "u" + seq);
                s.setString(4, prev);
                s.setString(5, hash);
                s.executeUpdate();
                OLD_HASHES.add(hash);
                prev = hash;
            }
        }
        String key = IdempotencyKey.unkeyed(Purpose.ELIGIBILITY, "87726", TODAY, oldQuestion());
        try (Statement s = c.createStatement()) {
            s.execute("begin");
            s.execute("insert into idempotency_keys (key, run_id) values ('" + key + "', '" + OLD_RUN + "')");
            s.execute("insert into runs (run_id, purpose, payer_id, business_date, requested_route, status, idempotency_key, input, created_by) "
                    + "values ('" + OLD_RUN + "', 'eligibility', '87726', '" + TODAY + "', 'clearinghouse', 'succeeded', '" + key + "', '"
                    + JsonMapper.builder().build().readTree(oldRequestJson()).get("input").toString().replace("'", "''") + "'::jsonb, 'operator')");
            s.execute("commit");
        }
    }

    private static EligibilityRequest oldQuestion() {
        return new EligibilityRequest(new Provider(RunRequests.VALID_NPI, "Sunrise Clinic", null, null, null),
                new Subscriber(OLD_MEMBER, "John", "Doe", LocalDate.of(1980, 1, 31), null), null, List.of("30"), null);
    }

    private static String oldRequestJson() {
        return RunRequests.eligibility("clearinghouse", OLD_MEMBER);
    }

    private static String withBusinessDate(String request, LocalDate day) {
        return request.replaceFirst("\\{", "{\"business_date\": \"" + day + "\", ");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbc;

    private Http http(Role role) {
        return new Http("http://127.0.0.1:" + port, "Bearer " + tokens.issue("upgrade-it", role, "test").token());
    }

    @Test
    void chainWrittenBeforeTheUpgradeKeepsItsHashesAndVerifiesWithTheKeyedEntriesAfterIt() {
        assertThat(jdbc.sql("select hash from audit_log where seq <= 5 order by seq").query(String.class).list()).isEqualTo(OLD_HASHES);
        assertThat(jdbc.sql("select first_seq from audit_chain_epochs").query(Long.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("select count(*) from audit_log where seq > 5").query(Long.class).single()).isPositive();
        // start-up anchors the old chain and the first keyed entries in a signed checkpoint, off the start-up path
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from audit_checkpoints").query(Long.class).single() > 0);
        JsonNode v = http(Role.ADMIN).get("/audit/verify").json();
        assertThat(v.get("ok").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("keyed_from").asLong()).isEqualTo(6);
        assertThat(v.get("entries_checked").asLong()).isGreaterThan(5);
        assertThat(v.get("checkpoints").get("newest_seq").asLong()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void questionAskedBeforeTheUpgradeFindsItsRunOnTheSameBusinessDay() {
        var again = http(Role.OPERATOR).postJson("/runs", withBusinessDate(oldRequestJson(), TODAY));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("created").asBoolean()).isFalse();
        assertThat(again.json().get("run_id").asString()).isEqualTo(OLD_RUN.toString());
        assertThat(again.json().get("idempotency_key").asString())
                .isEqualTo(IdempotencyKey.unkeyed(Purpose.ELIGIBILITY, "87726", TODAY, oldQuestion()));
        assertThat(jdbc.sql("select business_date from idempotency_unkeyed_until").query(LocalDate.class).single()).isEqualTo(TODAY);
    }

    @Test
    void newQuestionsGetKeyedKeysThatNobodyCanRecompute() {
        String member = "NEW" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var created = http(Role.OPERATOR).postJson("/runs", withBusinessDate(RunRequests.eligibility("clearinghouse", member), TODAY));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("idempotency_key").asString();
        EligibilityRequest question = new EligibilityRequest(new Provider(RunRequests.VALID_NPI, "Sunrise Clinic", null, null, null),
                new Subscriber(member, "John", "Doe", LocalDate.of(1980, 1, 31), null), null, List.of("30"), null);
        assertThat(key).matches("eligibility:87726:" + TODAY + ":[0-9a-f]{32}")
                .isNotEqualTo(IdempotencyKey.unkeyed(Purpose.ELIGIBILITY, "87726", TODAY, question));
        var again = http(Role.OPERATOR).postJson("/runs", withBusinessDate(RunRequests.eligibility("clearinghouse", member), TODAY));
        assertThat(again.json().get("run_id").asString()).isEqualTo(created.json().get("run_id").asString());
        assertThat(again.json().get("idempotency_key").asString()).isEqualTo(key);
    }
}
