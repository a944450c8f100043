package io.rcmos.server.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real services the integration tests use (PostgreSQL and Redis on 127.0.0.1). When one is missing the
 * tests that need it are skipped, unless {@code RCM_REQUIRE_SERVICES=1} (CI), where a missing service fails the run.
 */
public final class Services {

    public static final String PG_HOST = env("RCM_TEST_PG_HOST", "127.0.0.1");
    public static final int PG_PORT = Integer.parseInt(env("RCM_TEST_PG_PORT", "5432"));
    public static final String REDIS_HOST = env("RCM_TEST_REDIS_HOST", "127.0.0.1");
    public static final int REDIS_PORT = Integer.parseInt(env("RCM_TEST_REDIS_PORT", "6379"));

    private Services() {
    }

    public static boolean required() {
        return "1".equals(System.getenv("RCM_REQUIRE_SERVICES"));
    }

    public static boolean postgresUp() {
        return reachable(PG_HOST, PG_PORT);
    }

    public static boolean redisUp() {
        return reachable(REDIS_HOST, REDIS_PORT);
    }

    public static String redisUrl() {
        return "redis://" + REDIS_HOST + ":" + REDIS_PORT;
    }

    /** Skips the calling test when Redis is absent, or fails it when services are required. */
    public static void assumeRedis() {
        requireOrAssume("Redis", redisUp(), REDIS_HOST + ":" + REDIS_PORT);
    }

    public static void assumePostgres() {
        requireOrAssume("PostgreSQL", postgresUp(), PG_HOST + ":" + PG_PORT);
    }

    static void requireOrAssume(String name, boolean up, String where) {
        if (!up && required()) {
            throw new IllegalStateException(name + " is required (RCM_REQUIRE_SERVICES=1) but not reachable at " + where);
        }
        assumeTrue(up, name + " not reachable at " + where + "; skipping");
    }

    private static boolean reachable(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String key, String def) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? def : v;
    }
}
