package io.rcmos.server.security;

import io.rcmos.server.support.ConsoleSession;
import io.rcmos.server.support.Http;
import io.rcmos.server.support.IntegrationTest;
import io.rcmos.server.support.Runs;
import io.rcmos.server.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff accounts (issue 11, part 1): people created by admins sign in as themselves, are validated with every problem
 * named, are locked out after repeated failures (unknown names alike), slowed per client address, forced to change a
 * reset password, lose their sessions the moment they are disabled — and QA compares people, not credentials.
 */
class PeopleIT extends IntegrationTest {

    /** Long enough, not on the common list, no username inside. */
    private static final String GOOD = "violet-harbor-lantern-42";
    private static final String OTHER_GOOD = "quiet-meadow-copper-77";

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    @AfterEach
    void forgetSignInAttempts() {
        // every test signs in from 127.0.0.1: failures of one test must not slow the next
        jdbc.sql("delete from sign_in_attempts").update();
        jdbc.sql("delete from sign_in_locks").update();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode createUser(String username, String role, String password) {
        Http.Response created = http(Role.ADMIN).postJson("/users", """
                {"username": "%s", "display_name": "%s Person", "role": "%s", "password": "%s"}"""
                .formatted(username, username, role, password));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private ConsoleSession signedIn(String username, String password) {
        ConsoleSession s = new ConsoleSession(baseUrl());
        Http.Response r = s.signIn(username, password);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return s;
    }

    private long audited(String action, String target) {
        return jdbc.sql("select count(*) from audit_log where action = ? and target_id is not distinct from ?").params(action, target)
                .query(Long.class).single();
    }

    @Test
    void adminsCreatePeopleWhoSignInAsThemselves() {
        String username = unique("olga");
        JsonNode user = createUser(username, "operator", GOOD);
        assertThat(user.get("user_id").asString()).isNotBlank();
        assertThat(user.get("role").asString()).isEqualTo("operator");
        assertThat(user.get("disabled").asBoolean()).isFalse();
        assertThat(user.has("password")).isFalse();
        assertThat(user.toString()).doesNotContain("hash").doesNotContain(GOOD);
        assertThat(jdbc.sql("select password_hash from users where username = ?").param(username).query(String.class).single())
                .as("Argon2id").startsWith("{argon2}$argon2id$");

        assertThat(http(Role.ADMIN).get("/users").json().get("items").valueStream().map(u -> u.get("username").asString()))
                .contains(username, "admin");
        assertThat(http(Role.ADMIN).get("/users/" + user.get("user_id").asString()).json().get("display_name").asString())
                .isEqualTo(username + " Person");

        ConsoleSession olga = new ConsoleSession(baseUrl());
        JsonNode me = olga.signIn(username.toUpperCase(java.util.Locale.ROOT) + " ", GOOD).json();
        assertThat(me.get("username").asString()).as("usernames are matched case-insensitively").isEqualTo(username);
        assertThat(me.get("display_name").asString()).isEqualTo(username + " Person");
        assertThat(me.get("must_change_password").asBoolean()).isFalse();
        assertThat(me.get("idle_timeout_seconds").asInt()).isEqualTo(1800);
        assertThat(olga.get("/auth/me").json().get("user_id").asString()).isEqualTo(user.get("user_id").asString());
        assertThat(olga.get("/runs").status()).isEqualTo(200);
        assertThat(olga.get("/users").status()).as("operators do not manage people").isEqualTo(403);

        assertThat(audited("user.created", username)).isEqualTo(1);
        assertThat(audited("auth.login", username)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where details like ?").param("%" + GOOD + "%").query(Long.class).single()).isZero();
        assertThat(http(Role.ADMIN).get("/users/" + user.get("user_id").asString()).json().get("last_sign_in_at").isNull()).isFalse();
    }

    @Test
    void newPeopleAreCheckedWithEveryProblemNamed() {
        Http.Response bad = http(Role.ADMIN).postJson("/users",
                "{\"username\": \"Bad Name!\", \"display_name\": \"\", \"role\": \"boss\", \"password\": \"short\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("username", "display_name", "role", "password");
        assertThat(bad.body()).doesNotContain("short");

        for (String common : List.of("password123456", "Qwertyuiop123!", "1qaz2wsx3edc", "iloveyou2026!!!")) {
            Http.Response r = http(Role.ADMIN).postJson("/users", """
                    {"username": "%s", "display_name": "X", "role": "viewer", "password": "%s"}""".formatted(unique("c"), common));
            assertThat(r.status()).as(common).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("message").asString()).as(common).contains("too common");
        }
        String name = unique("pat");
        Http.Response containsName = http(Role.ADMIN).postJson("/users", """
                {"username": "%s", "display_name": "X", "role": "viewer", "password": "%s-and-more-words"}""".formatted(name, name));
        assertThat(containsName.json().get("errors").get(0).get("message").asString()).contains("username");
        assertThat(http(Role.ADMIN).postJson("/users", "{\"username\": \"x1\"}").json().get("errors").valueStream()
                .map(e -> e.get("field").asString())).containsExactlyInAnyOrder("display_name", "role", "password");
        assertThat(http(Role.ADMIN).postJson("/users", "{\"username\": \"x1\", \"is_admin\": true}").json().get("errors").get(0)
                .get("field").asString()).isEqualTo("is_admin");
        assertThat(http(Role.ADMIN).postJson("/users", "[1]").status()).isEqualTo(400);

        String taken = unique("tess");
        createUser(taken, "viewer", GOOD);
        Http.Response again = http(Role.ADMIN).postJson("/users", """
                {"username": "%s", "display_name": "Another", "role": "viewer", "password": "%s"}""".formatted(taken, OTHER_GOOD));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("username_taken");

        assertThat(http(Role.OPERATOR).postJson("/users", "{}").status()).isEqualTo(403);
        assertThat(http(Role.ADMIN).get("/users/not-a-uuid").json().get("errors").get(0).get("field").asString()).isEqualTo("id");
        assertThat(http(Role.ADMIN).get("/users/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(http(Role.ADMIN).send("PATCH", "/users/" + UUID.randomUUID(), "application/json", "{\"role\": \"viewer\"}").status())
                .isEqualTo(404);
        assertThat(http(Role.ADMIN).send("PATCH", "/users/" + UUID.randomUUID(), "application/json", "{}").status()).isEqualTo(400);
    }

    @Test
    void disablingSomeoneEndsTheirSessionsAtOnceAndARoleChangeTakesEffect() {
        String username = unique("dan");
        JsonNode user = createUser(username, "operator", GOOD);
        String path = "/users/" + user.get("user_id").asString();
        ConsoleSession dan = signedIn(username, GOOD);
        ConsoleSession danElsewhere = signedIn(username, GOOD);
        assertThat(dan.get("/runs").status()).isEqualTo(200);

        Http.Response disabled = http(Role.ADMIN).send("PATCH", path, "application/json", "{\"disabled\": true}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(dan.get("/runs").status()).as("the session ended with the account").isEqualTo(401);
        assertThat(danElsewhere.get("/auth/me").status()).isEqualTo(401);
        Http.Response again = new ConsoleSession(baseUrl()).signIn(username, GOOD);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().get("code").asString()).as("disabled looks like any failure").isEqualTo("bad_credentials");
        assertThat(jdbc.sql("select details from audit_log where action = 'auth.login.failed' and target_id = ? order by seq desc limit 1")
                .param(username).query(String.class).single()).contains("disabled");

        http(Role.ADMIN).send("PATCH", path, "application/json", "{\"disabled\": false, \"display_name\": \"Dan Ortiz\"}");
        ConsoleSession back = signedIn(username, GOOD);
        assertThat(back.get("/auth/me").json().get("display_name").asString()).isEqualTo("Dan Ortiz");
        assertThat(back.post("/runs", "{}").status()).as("an operator may submit (400: empty request)").isEqualTo(400);

        http(Role.ADMIN).send("PATCH", path, "application/json", "{\"role\": \"viewer\"}");
        assertThat(back.get("/auth/me").status()).as("a role change ends the sessions").isEqualTo(401);
        ConsoleSession asViewer = signedIn(username, GOOD);
        assertThat(asViewer.get("/auth/me").json().get("role").asString()).isEqualTo("viewer");
        assertThat(asViewer.post("/runs", "{}").status()).isEqualTo(403);

        JsonNode updates = http(Role.ADMIN).get("/audit?action=user.updated&limit=50").json().get("items");
        assertThat(updates.valueStream().filter(e -> e.get("target_id").asString().equals(username))
                .map(e -> e.get("details").get("changed").toString())).contains("[\"disabled\"]", "[\"role\"]");
        assertThat(audited("user.sessions_ended", username)).isEqualTo(2);
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDisabled() {
        jdbc.sql("update users set enabled = false where role = 'admin' and username <> 'admin'").update();
        String adminId = jdbc.sql("select user_id::text from users where username = 'admin'").query(String.class).single();
        Http.Response demote = http(Role.ADMIN).send("PATCH", "/users/" + adminId, "application/json", "{\"role\": \"viewer\"}");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().get("code").asString()).isEqualTo("last_admin");
        assertThat(http(Role.ADMIN).send("PATCH", "/users/" + adminId, "application/json", "{\"disabled\": true}").status()).isEqualTo(409);
        ConsoleSession admin = signedIn("admin", TestUsers.ADMIN_PASSWORD);
        String second = unique("ada");
        JsonNode ada = createUser(second, "admin", GOOD);
        assertThat(admin.patch("/users/" + adminId, "{\"disabled\": true}").json().get("errors").get(0).get("message").asString())
                .contains("your own");
        assertThat(http(Role.ADMIN).send("PATCH", "/users/" + ada.get("user_id").asString(), "application/json", "{\"role\": \"viewer\"}").status())
                .as("another admin exists").isEqualTo(200);
    }

    @Test
    void aResetPasswordMustBeChangedBeforeAnythingElse() {
        String username = unique("rosa");
        JsonNode user = createUser(username, "operator", GOOD);
        ConsoleSession before = signedIn(username, GOOD);

        Http.Response reset = http(Role.ADMIN).postJson("/users/" + user.get("user_id").asString() + "/password-reset",
                "{\"password\": \"" + OTHER_GOOD + "\"}");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("must_change_password").asBoolean()).isTrue();
        assertThat(before.get("/auth/me").status()).as("a reset ends the sessions").isEqualTo(401);
        assertThat(new ConsoleSession(baseUrl()).signIn(username, GOOD).status()).isEqualTo(401);

        ConsoleSession rosa = new ConsoleSession(baseUrl());
        assertThat(rosa.signIn(username, OTHER_GOOD).json().get("must_change_password").asBoolean()).isTrue();
        Http.Response blocked = rosa.get("/runs");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("code").asString()).isEqualTo("password_change_required");
        assertThat(rosa.get("/auth/me").status()).isEqualTo(200);

        Http.Response wrong = rosa.post("/auth/password", "{\"current_password\": \"not-it-at-all-123\", \"new_password\": \"" + GOOD + "x\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("current_password");
        Http.Response common = rosa.post("/auth/password", "{\"current_password\": \"" + OTHER_GOOD + "\", \"new_password\": \"baseball12345\"}");
        assertThat(common.json().get("errors").get(0).get("field").asString()).isEqualTo("new_password");
        Http.Response same = rosa.post("/auth/password", "{\"current_password\": \"" + OTHER_GOOD + "\", \"new_password\": \"" + OTHER_GOOD + "\"}");
        assertThat(same.json().get("errors").get(0).get("message").asString()).contains("differ");
        Http.Response missing = rosa.post("/auth/password", "{}");
        assertThat(missing.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("current_password", "new_password");

        String mine = "amber-river-stone-1985";
        assertThat(rosa.post("/auth/password", "{\"current_password\": \"" + OTHER_GOOD + "\", \"new_password\": \"" + mine + "\"}").status())
                .isEqualTo(204);
        assertThat(rosa.get("/runs").status()).as("the same session goes on").isEqualTo(200);
        assertThat(rosa.get("/auth/me").json().get("must_change_password").asBoolean()).isFalse();
        assertThat(new ConsoleSession(baseUrl()).signIn(username, OTHER_GOOD).status()).isEqualTo(401);
        assertThat(signedIn(username, mine).get("/auth/me").json().get("must_change_password").asBoolean()).isFalse();
        assertThat(audited("user.password_reset", username)).isEqualTo(1);
        assertThat(audited("auth.password.changed", username)).isEqualTo(1);
        assertThat(http(Role.OPERATOR).postJson("/auth/password", "{}").json().get("code").asString())
                .as("tokens have no password").isEqualTo("not_a_person");
    }

    @Test
    void fiveFailuresLockTheAccountAndTheSixthSignInIsRefusedAndAudited() {
        String username = unique("lou");
        JsonNode user = createUser(username, "reviewer", GOOD);
        ConsoleSession attacker = new ConsoleSession(baseUrl());
        for (int i = 1; i <= 4; i++) {
            Http.Response r = attacker.signIn(username, "wrong-guess-number-" + i);
            assertThat(r.status()).as("failure " + i).isEqualTo(401);
        }
        Http.Response fifth = attacker.signIn(username, "wrong-guess-number-5");
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.json().get("code").asString()).isEqualTo("account_locked");
        assertThat(Long.parseLong(fifth.header("Retry-After"))).isBetween(890L, 900L);
        assertThat(fifth.json().get("retry_after_seconds").asLong()).isBetween(890L, 900L);

        Http.Response sixth = new ConsoleSession(baseUrl()).signIn(username, GOOD);
        assertThat(sixth.status()).as("even the right password waits out the lock").isEqualTo(429);
        assertThat(sixth.json().get("code").asString()).isEqualTo("account_locked");
        assertThat(sixth.header("Retry-After")).isNotNull();

        assertThat(audited("auth.login.failed", username)).isEqualTo(5);
        assertThat(audited("auth.account.locked", username)).isEqualTo(1);
        assertThat(audited("auth.login.refused", username)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where details like '%wrong-guess%' or details like ?").param("%" + GOOD + "%")
                .query(Long.class).single()).isZero();
        assertThat(http(Role.ADMIN).get("/users/" + user.get("user_id").asString()).json().get("locked_until").isNull()).isFalse();

        http(Role.ADMIN).postJson("/users/" + user.get("user_id").asString() + "/password-reset", "{\"password\": \"" + OTHER_GOOD + "\"}");
        // the account is unlocked; this address still waits out its own (short) slow-down
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> new ConsoleSession(baseUrl()).signIn(username, OTHER_GOOD).status() == 200);
    }

    @Test
    void unknownNamesLockTheSameWaySoRefusalsTellNothingAboutWhoExists() {
        String nobody = unique("nobody");
        ConsoleSession s = new ConsoleSession(baseUrl());
        for (int i = 1; i <= 4; i++) {
            Http.Response r = s.signIn(nobody, "some-password-" + i);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("code").asString()).isEqualTo("bad_credentials");
        }
        Http.Response fifth = s.signIn(nobody, "some-password-5");
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.json().get("code").asString()).isEqualTo("account_locked");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'auth.login.failed' and actor = 'anonymous' and details like '%unknown_user%'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(5);
        assertThat(jdbc.sql("select count(*) from audit_log where actor = ? or target_id = ?").params(nobody, nobody).query(Long.class).single())
                .as("a name that is no user is never written down").isZero();
        assertThat(jdbc.sql("select count(*) from sign_in_attempts where account_key like ?").param("%" + nobody + "%").query(Long.class).single())
                .isZero();
    }

    @Test
    void aClientAddressThatKeepsFailingIsSlowedWithRetryAfter() {
        for (int i = 1; i <= 5; i++) {
            assertThat(new ConsoleSession(baseUrl()).signIn(unique("spray"), "spring-2026-guess").status()).isEqualTo(401);
        }
        String username = unique("vic");
        createUser(username, "viewer", GOOD);
        Http.Response slowed = new ConsoleSession(baseUrl()).signIn(username, GOOD);
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(slowed.json().get("code").asString()).isEqualTo("too_many_attempts");
        assertThat(Long.parseLong(slowed.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'auth.login.refused' and details like '%too_many_attempts%'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> new ConsoleSession(baseUrl()).signIn(username, GOOD).status() == 200);
    }

    @Test
    void httpBasicOnTheTokenEndpointFollowsTheSameRules() {
        String username = unique("bea");
        createUser(username, "admin", GOOD);
        Http.Response issued = basic(username, GOOD).postJson("/auth/tokens", "{\"name\": \"bea-script\", \"role\": \"viewer\"}");
        assertThat(issued.status()).isEqualTo(201);
        for (int i = 1; i <= 4; i++) {
            assertThat(basic(username, "nope-nope-nope-" + i).postJson("/auth/tokens", "{\"name\": \"x\", \"role\": \"viewer\"}").status())
                    .isEqualTo(401);
        }
        Http.Response locked = basic(username, "nope-nope-nope-5").postJson("/auth/tokens", "{\"name\": \"x\", \"role\": \"viewer\"}");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().get("code").asString()).isEqualTo("account_locked");
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(basic(username, GOOD).postJson("/auth/tokens", "{\"name\": \"x\", \"role\": \"viewer\"}").status()).isEqualTo(429);
    }

    private Http basic(String user, String password) {
        return new Http(baseUrl(), "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()));
    }

    @Test
    void qaComparesPeopleSoATokenOfTheResolverIsStillTheResolver() {
        String username = unique("rita");
        createUser(username, "admin", GOOD);
        ConsoleSession rita = signedIn(username, GOOD);
        Runs runs = new Runs(http(Role.OPERATOR), jdbc);
        String runId = runs.submit(Runs.eligibility(QA_PAYER, "test", "REJECT" + UUID.randomUUID().toString().substring(0, 8),
                "John", "Doe", "1980-01-31"));
        runs.awaitStatus(runId, "waiting_for_human");
        String taskId = jdbc.sql("select breakpoint_id::text from breakpoints where run_id = ?::uuid and status = 'open'")
                .param(runId).query(String.class).single();
        assertThat(rita.post("/inbox/" + taskId + "/resolve", "{\"action\": \"fail\", \"note\": \"not our patient\"}").status()).isEqualTo(200);
        String reviewId = jdbc.sql("select review_id::text from qa_reviews where breakpoint_id = ?::uuid").param(taskId).query(String.class).single();

        String ritasToken = rita.post("/auth/tokens", "{\"name\": \"rita-laptop\", \"role\": \"reviewer\"}").json().get("token").asString();
        Http.Response own = new Http(baseUrl(), "Bearer " + ritasToken).postJson("/qa/reviews/" + reviewId, "{\"verdict\": \"agree\"}");
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.json().get("code").asString()).isEqualTo("own_resolution");
        assertThat(rita.post("/qa/reviews/" + reviewId, "{\"verdict\": \"agree\"}").json().get("code").asString()).isEqualTo("own_resolution");
        assertThat(http(Role.REVIEWER).postJson("/qa/reviews/" + reviewId, "{\"verdict\": \"agree\"}").status())
                .as("someone else").isEqualTo(200);
    }
}
