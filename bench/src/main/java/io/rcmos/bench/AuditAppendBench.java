package io.rcmos.bench;

import io.rcmos.server.RcmApplication;
import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The audit append on its own: the server's {@link AuditLog#append} in a transaction of its own per entry (as the run
 * path calls it), on the embedded PostgreSQL of a fresh {@code RCM_HOME}, from 1 and from 4 threads; then the bare cost
 * of the two chain primitives (SHA-256 and HMAC-SHA256 of a typical entry). Before issue 13 a global ledger lock
 * serialised appends (4 threads measured contention); since, appends take no lock and the ledger's sequencer chains
 * them after commit: with a server that has it ({@code Ledger.flush}), each case also reports how many entries were
 * still unchained when the last append committed and how long chaining them took, and the end-to-end rate (appended
 * and chained). Only public server API is used (the flush looked up by name), so the same harness measures any version
 * of the server. {@code AuditAppendBench [N]}.
 */
public final class AuditAppendBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path home = Files.createTempDirectory("rcm-bench-audit");
        System.out.printf(Locale.ROOT, "RCM OS audit append benchmark: N=%d per case, %d cores, embedded PostgreSQL, RCM_HOME %s%n",
                n, Runtime.getRuntime().availableProcessors(), home);
        // command-line arguments: they outrank application.yml (default properties would not)
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RcmApplication.class).run(
                "--rcm.home=" + home,
                "--server.port=0",
                "--rcm.roles.worker=false",
                // a lone process on a temporary RCM_HOME: its keys may be generated there
                "--rcm.keys.shared=generate",
                "--rcm.security.admin-password=bench-" + UUID.randomUUID(),
                "--rcm.portal.enabled=false",
                "--logging.level.root=WARN")) {
            AuditLog audit = ctx.getBean(AuditLog.class);
            TransactionTemplate tx = ctx.getBean(TransactionTemplate.class);
            Sequencer sequencer = Sequencer.of(ctx);
            appends(audit, tx, sequencer, 1, Math.min(n, 2_000), "warm-up");
            appends(audit, tx, sequencer, 1, n, "1 thread");
            appends(audit, tx, sequencer, 4, n, "4 threads");
            if (ctx.getBeanNamesForType(auditCheckpoints()).length > 0) {
                checkpoints(ctx, audit, tx, 200);
            }
        }
        primitives(Math.max(n * 10, 200_000));
    }

    /** The ledger's sequencer of a server that chains after commit (issue 13 on), or none. */
    private record Sequencer(Object ledger, Method flushMethod, JdbcClient jdbc) {
        static Sequencer of(ConfigurableApplicationContext ctx) {
            try {
                Class<?> type = Class.forName("io.rcmos.server.platform.Ledger");
                Method flush = type.getMethod("flush");
                return new Sequencer(ctx.getBean(type), flush, ctx.getBean(JdbcClient.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        long unchained() {
            return jdbc.sql("select count(*) from audit_log where seq is null").query(Long.class).single();
        }

        void flush() throws ReflectiveOperationException {
            flushMethod.invoke(ledger);
        }
    }

    private static void appends(AuditLog audit, TransactionTemplate tx, Sequencer sequencer, int threads, int n, String label)
            throws Exception {
        long[] micros = new long[n];
        AtomicInteger next = new AtomicInteger();
        Actor actor = Actor.bot("bench");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        Future<?>[] workers = new Future<?>[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    UUID runId = UUID.randomUUID();
                    long s = System.nanoTime();
                    tx.executeWithoutResult(st -> audit.append(actor, "run.attempt", "run", runId.toString(), runId,
                            Map.of("route", "clearinghouse", "attempt", 1, "payer_id", "87726")));
                    micros[i] = (System.nanoTime() - s) / 1_000;
                }
            });
        }
        for (Future<?> w : workers) {
            w.get();
        }
        long t1 = System.nanoTime();
        double seconds = (t1 - t0) / 1e9;
        pool.shutdown();
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "append, %-9s: %d in %.2f s -> %.0f appends/s; latency us p50=%d p95=%d p99=%d%n",
                label, n, seconds, n / seconds, micros[n / 2], micros[(int) (n * 0.95)], micros[(int) (n * 0.99)]);
        if (sequencer != null) {
            long behind = sequencer.unchained();
            sequencer.flush();
            double total = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  chained after commit: %d still unchained at the last commit, chained %.0f ms later;"
                            + " appended and chained %.0f entries/s%n",
                    behind, (System.nanoTime() - t1) / 1e6, n / total);
        }
    }

    /** The checkpoint writer's class, absent from releases before signed checkpoints. */
    private static Class<?> auditCheckpoints() {
        try {
            return Class.forName("io.rcmos.server.audit.AuditCheckpoints");
        } catch (ClassNotFoundException e) {
            return Void.class;
        }
    }

    /** One checkpoint (sign, store write, row) after each of n appends, timed on its own. */
    private static void checkpoints(ConfigurableApplicationContext ctx, AuditLog audit, TransactionTemplate tx, int n) {
        io.rcmos.server.audit.AuditCheckpoints writer = ctx.getBean(io.rcmos.server.audit.AuditCheckpoints.class);
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            tx.executeWithoutResult(st -> audit.append(Actor.bot("bench"), "run.attempt", "run", "x", null, Map.of()));
            long s = System.nanoTime();
            writer.checkpointNow();
            micros[i] = (System.nanoTime() - s) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "checkpoint (filesystem store): %d, latency us p50=%d p95=%d p99=%d%n",
                n, micros[n / 2], micros[(int) (n * 0.95)], micros[(int) (n * 0.99)]);
    }

    /** SHA-256 against HMAC-SHA256 of a canonical entry of typical size, single thread. */
    private static void primitives(int n) throws Exception {
        byte[] entry = String.join("\n", "9f".repeat(32), "123456", "2026-12-01T10:00:00.123456Z", "bot:run-workflow", "bot",
                "run.attempt", "run", UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "{\"attempt\":1,\"payer_id\":\"87726\",\"route\":\"clearinghouse\"}").getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            byte x = 0;
            for (int i = 0; i < n; i++) {
                x ^= sha.digest(entry)[0];
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                x ^= mac.doFinal(entry)[0];
            }
            long t2 = System.nanoTime();
            if (round == 1) {
                System.out.printf(Locale.ROOT, "primitive, %d-byte entry: SHA-256 %.2f us, HMAC-SHA256 %.2f us (checksum %d)%n",
                        entry.length, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, x);
            }
        }
    }
}
