package io.rcmos.server.support;

import io.rcmos.server.security.ApiTokens;
import io.rcmos.sim.SimServer;
import io.rcmos.server.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of the Spring integration tests: the whole application on a random port, a fresh database on the
 * machine's PostgreSQL, the in-process Temporal server over gRPC, and a temporary RCM_HOME. Subclasses that
 * declare no extra properties share one context (Spring's context cache).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestChannel.class)
public abstract class IntegrationTest {

    private static final String DB_URL = TestDatabases.freshDatabaseUrl();
    /** The Stedi simulator, one per test JVM, exactly as `./rcm up` runs it beside the server. */
    protected static final SimServer STEDI = SimServer.start(SimServer.Config.defaults());
    private static final Path HOME;

    static {
        try {
            HOME = Files.createTempDirectory("rcm-it-home");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Map<ApiTokens, TestTokens> TOKENS = new ConcurrentHashMap<>();
    /** A payer whose every review task the QA policy samples. */
    public static final String QA_PAYER = "QAPAYER1";

    @LocalServerPort
    protected int port;

    @Autowired
    private ApiTokens apiTokens;

    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient flagsJdbc;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        engines(registry, DB_URL);
    }

    /** The properties every integration context uses; tests with a database of their own pass its URL. */
    public static void engines(DynamicPropertyRegistry registry, String databaseUrl) {
        registry.add("rcm.database.url", () -> databaseUrl);
        // several application contexts stay cached per test JVM: keep each pool small (PostgreSQL allows ~100)
        registry.add("rcm.database.pool-size", () -> "5");
        registry.add("rcm.home", HOME::toString);
        // contexts share RCM_HOME (and so the artifact store) but not databases: each chain checkpoints under its own prefix
        String chain = databaseUrl.isBlank() ? java.util.UUID.randomUUID().toString()
                : databaseUrl.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        registry.add("rcm.audit.checkpoint-prefix", () -> "audit/checkpoints/" + chain + "/");
        registry.add("rcm.security.admin-password", () -> TestUsers.ADMIN_PASSWORD);
        registry.add("rcm.stedi.api-key", STEDI::apiKey);
        registry.add("rcm.stedi.base-url", STEDI::baseUrl);
        registry.add("rcm.stedi.initial-backoff", () -> "20ms");
        registry.add("rcm.stedi.max-backoff", () -> "200ms");
        // the simulator's fake portals, with the TOTP credential ./rcm up uses: portal runs need no person
        registry.add("rcm.portal.base-url", STEDI::portalUrl);
        registry.add("rcm.portal.workers", () -> "1");
        // every review task of this payer is sampled for QA (InboxIT); the 10 % random share stays as configured
        registry.add("rcm.inbox.qa.review-payers", () -> QA_PAYER);
        for (String portal : new String[]{"availity", "uhc"}) {
            registry.add("rcm.portal.credentials." + portal + ".username", () -> io.rcmos.sim.portal.PortalSettings.DEFAULT_USER);
            registry.add("rcm.portal.credentials." + portal + ".password", () -> io.rcmos.sim.portal.PortalSettings.DEFAULT_PASSWORD);
            registry.add("rcm.portal.credentials." + portal + ".totp-secret", () -> io.rcmos.sim.portal.PortalSettings.DEFAULT_TOTP_SECRET);
        }
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Bearer tokens for every role, issued once per application context. */
    protected TestTokens tokens() {
        return TOKENS.computeIfAbsent(apiTokens, TestTokens::new);
    }

    /** A client for a second person of {@code role} (a token of its own, so a different actor in audit and leases). */
    protected Http person(String name, Role role) {
        return new Http(baseUrl(), "Bearer " + apiTokens.issue(name, role, name).token());
    }

    /** Sets routing flags for a payer and purpose (as a row; {@link #resetFlags} removes it). */
    protected void flags(String payerId, String purpose, boolean clearinghouse, boolean portal, String prefer, boolean humanFallback) {
        flagsJdbc.sql("""
                        insert into feature_flags (payer_id, purpose, clearinghouse_enabled, portal_enabled, prefer, human_fallback, updated_by)
                        values (?, ?, ?, ?, ?, ?, 'test') on conflict (payer_id, purpose) do update set
                          clearinghouse_enabled = excluded.clearinghouse_enabled, portal_enabled = excluded.portal_enabled,
                          prefer = excluded.prefer, human_fallback = excluded.human_fallback""")
                .params(payerId, purpose, clearinghouse, portal, prefer, humanFallback).update();
    }

    /** Human fallback off for both purposes of a payer: data errors and exhausted routes fail the run. */
    protected void withoutHumanFallback(String payerId) {
        flags(payerId, "eligibility", true, true, "clearinghouse", false);
        flags(payerId, "claim_status", true, true, "clearinghouse", false);
    }

    protected void resetFlags(String payerId) {
        flagsJdbc.sql("delete from feature_flags where payer_id = ?").param(payerId).update();
    }

    /** Run helpers (submit, await a status, timelines, events) acting as an operator. */
    protected Runs runs() {
        return new Runs(http(Role.OPERATOR), flagsJdbc);
    }

    /** An HTTP client for this application, authenticated as {@code role} (null: anonymous). */
    protected Http http(Role role) {
        return new Http(baseUrl(), role == null ? null : tokens().bearer(role));
    }
}
