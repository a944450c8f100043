package io.rcmos.server.platform;

import io.rcmos.server.support.Http;
import io.rcmos.server.support.S3Server;
import io.rcmos.server.support.Services;
import io.rcmos.server.support.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The split deployment of {@code infra/docker-compose.yml}, as processes on this machine: one API process
 * ({@code RCM_ROLE_WORKER=false}) and two worker processes ({@code RCM_ROLE_API=false}), each a JVM of its own running
 * the server's executable jar with an RCM_HOME of its own, against the machine's PostgreSQL and Redis, an S3-compatible
 * store (S3Mock, a process), Temporal's server as a process of its own ({@code io.temporal.testserver.TestServer},
 * reached over gRPC like a cluster) and the Stedi simulator's jar. Every key the processes share comes from their
 * configuration only, as compose passes it.
 *
 * <p>A run and a batch complete; a worker killed ({@code destroyForcibly}, kill -9) in the middle of a batch loses
 * nothing: every row ends answered, each by exactly one run. A process given no shared keys refuses to start and
 * says which. The batch has {@code rcm.split.rows} rows (default 150).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitDeploymentIT {

    private static final int ROWS = Integer.getInteger("rcm.split.rows", 150);
    private static final String BUCKET = "rcm-split-it";
    private static final String ADMIN_PASSWORD = "split-pass-" + UUID.randomUUID();
    private static final Path OUT = Path.of("target/split-deployment");
    /** A payer of config/payers whose clearinghouse the simulator answers. */
    private static final String PAYER = "87726";

    private static final List<Process> processes = new ArrayList<>();
    private static S3Server s3;
    private static String databaseUrl;
    private static String temporalAddress;
    private static String simBaseUrl;
    private static Map<String, String> sharedEnv;
    private static Node api;
    private static Node worker1;
    private static Node worker2;
    private static Http operator;

    /** One server process: its name, HTTP port and handle. */
    record Node(String name, int port, Process process) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    @BeforeAll
    static void deploy() throws Exception {
        Services.requireRedis();
        Path serverJar = onlyFile(Path.of("target"), "rcm-server-*-exec.jar");
        if (serverJar == null) {
            throw new IllegalStateException("the server's executable jar is missing under target/ (run the package phase: `mvn verify`, not the test alone)");
        }
        Files.createDirectories(OUT);
        databaseUrl = TestDatabases.freshDatabaseUrl();
        s3 = S3Server.start(BUCKET);
        temporalAddress = startTemporal();
        simBaseUrl = startSimulator();

        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_POOL_SIZE", "6");
        env.put("TEMPORAL_ADDRESS", temporalAddress);
        env.put("REDIS_URL", Services.redisUrl());
        env.put("S3_ENDPOINT", s3.endpoint());
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_REGION", "us-east-1");
        env.put("S3_ACCESS_KEY_ID", "split-key");
        env.put("S3_SECRET_ACCESS_KEY", "split-secret");
        env.put("STEDI_API_KEY", "split-sim-key");
        env.put("STEDI_BASE_URL", simBaseUrl + "/2024-04-01");
        // a dead worker's clearinghouse attempts are retried after their time limit (2 × this + margins)
        env.put("STEDI_TIMEOUT", "5s");
        // A cluster moves a workflow task off a dead worker's sticky queue after 5 s; Temporal's test server never does,
        // so a workflow last run by the killed worker would wait forever: no sticky execution against it.
        env.put("TEMPORAL_STICKY_SCHEDULE_TO_START", "0s");
        env.put("RCM_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("RCM_PAYERS_DIR", Path.of("../config/payers").toAbsolutePath().normalize().toString());
        env.put("RCM_AUDIT_CHECKPOINT_PREFIX", "audit/checkpoints/split-" + UUID.randomUUID() + "/");
        env.put("RCM_LOG_FORMAT", "ecs");
        for (String key : List.of("RCM_TEMPORAL_CODEC_KEY", "RCM_AUDIT_KEY", "RCM_AUDIT_SIGNING_KEY", "RCM_IDEMPOTENCY_KEY",
                "RCM_INBOX_ANSWER_KEY", "RCM_ARTIFACT_SIGNING_KEY", "RCM_SIGN_IN_KEY", "RCM_PORTAL_SESSION_KEY")) {
            env.put(key, randomKey());
        }
        sharedEnv = Map.copyOf(env);

        // the API first (it migrates the database), then both workers at once
        api = startServer(serverJar, "api", true, false, sharedEnv);
        awaitHealthy(api);
        worker1 = startServer(serverJar, "worker-1", false, true, sharedEnv);
        worker2 = startServer(serverJar, "worker-2", false, true, sharedEnv);
        awaitHealthy(worker1);
        awaitHealthy(worker2);
        Http admin = new Http(api.url(), "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        Http.Response issued = admin.postJson("/auth/tokens", "{\"name\": \"split-it\", \"role\": \"operator\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        operator = new Http(api.url(), "Bearer " + issued.json().get("token").asString());
    }

    @AfterAll
    static void tearDown() throws Exception {
        List<Process> newestFirst = new ArrayList<>(processes);
        java.util.Collections.reverse(newestFirst);
        for (Process p : newestFirst) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    @Order(1)
    void theProcessesPlayTheirRolesOnExternalEngines() {
        for (Node node : List.of(api, worker1, worker2)) {
            Http.Response info = new Http(node.url(), null).get("/healthz");
            assertThat(info.status()).as(node.name() + " /healthz: " + info.body()).isEqualTo(200);
        }
        var engines = operator.get("/info").json().get("engines");
        for (String concern : List.of("database", "temporal", "events", "artifacts")) {
            assertThat(engines.get(concern).asString()).as(concern).isEqualTo("external");
        }
    }

    @Test
    @Order(2)
    void aRunCompletesOnAWorker() {
        Http.Response created = operator.postJson("/runs", """
                {"purpose": "eligibility", "payer_id": "%s", "route": "clearinghouse",
                 "input": {"provider": {"npi": "1999999984", "organization_name": "Sunrise Clinic"},
                           "subscriber": {"member_id": "UHC202649", "first_name": "John", "last_name": "Doe", "date_of_birth": "1980-01-31"}}}"""
                .formatted(PAYER));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String runId = created.json().get("run_id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> operator.get("/runs/" + runId).json().get("status").asString(), s -> s.equals("succeeded"));
        var run = operator.get("/runs/" + runId).json();
        assertThat(run.get("route").asString()).isEqualTo("clearinghouse");
        assertThat(run.get("output").get("coverage_status").asString()).isEqualTo("active");
    }

    @Test
    @Order(3)
    void aBatchLosesNothingWhenAWorkerIsKilledHalfWay() throws Exception {
        String tag = Integer.toString(1 + new SecureRandom().nextInt(8));
        StringBuilder csv = new StringBuilder("Member ID,First Name,Last Name,DOB,NPI,Practice,Service Type\r\n");
        for (int n = 1; n <= ROWS; n++) {
            // the simulator's synthetic population: last digit 0-6 active, 7 inactive, all answered
            csv.append("SIM").append(tag).append(String.format("%06d", n)).append(n % 8).append(",Pat,Doe,01/31/1980,1999999984,Sunrise Clinic,30\r\n");
        }
        long started = System.nanoTime();
        Http.Response created = operator.send(operator.builder("/batches?purpose=eligibility&payer_id=" + PAYER + "&route=clearinghouse")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String batchId = created.json().get("batch_id").asString();

        // half way: some rows' runs answered (the rows themselves follow at the batch's next tick), not all — then kill -9
        // one worker while both hold work
        int killAt = Math.max(1, ROWS / 4);
        String answered = "select count(*) from runs where batch_id = ?::uuid and status in ('succeeded', 'failed')";
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> count(answered, batchId) >= killAt);
        worker1.process().destroyForcibly();
        long answeredBeforeKill = count(answered, batchId);
        assertThat(answeredBeforeKill).as("rows answered when the worker is killed").isLessThan(ROWS);
        assertThat(worker1.process().waitFor(10, TimeUnit.SECONDS)).as("worker-1 is dead").isTrue();

        await().atMost(Duration.ofMinutes(ROWS > 500 ? 20 : 6)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("select count(*) from batches where batch_id = ?::uuid and finished_at is not null", batchId) == 1);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // every row terminal and answered; one run per row, none twice
        Map<String, Long> statuses = new HashMap<>();
        for (Map<String, Object> row : query("select status, count(*) as n from batch_items where batch_id = ?::uuid group by status", batchId)) {
            statuses.put((String) row.get("status"), (Long) row.get("n"));
        }
        assertThat(statuses).as("batch item statuses").isEqualTo(Map.of("succeeded", (long) ROWS));
        assertThat(count("select count(*) from runs where batch_id = ?::uuid", batchId)).as("runs of the batch").isEqualTo(ROWS);
        assertThat(count("select count(distinct run_id) from batch_items where batch_id = ?::uuid and run_id is not null", batchId))
                .as("distinct runs of the rows").isEqualTo(ROWS);
        assertThat(count("select count(distinct idempotency_key) from runs where batch_id = ?::uuid", batchId))
                .as("distinct questions among the runs").isEqualTo(ROWS);
        assertThat(count("select count(*) from runs where batch_id = ?::uuid and status <> 'succeeded'", batchId)).isZero();
        assertThat(count("select count(*) from runs where batch_id = ?::uuid and output is null", batchId)).as("runs without an answer").isZero();
        // each run reached its end once: one terminal timeline entry per run
        assertThat(count("""
                select count(*) from (select t.run_id from run_timeline t join runs r on r.run_id = t.run_id
                where r.batch_id = ?::uuid and t.type = 'run.succeeded' group by t.run_id having count(*) <> 1) x""", batchId))
                .as("runs whose success was recorded other than once").isZero();
        var batch = operator.get("/batches/" + batchId).json();
        assertThat(batch.get("status").asString()).isEqualTo("completed");
        System.out.printf("split deployment: %d-row batch done in %d ms across 2 workers, one killed (kill -9) after %d rows answered%n",
                ROWS, took.toMillis(), answeredBeforeKill);
    }

    @Test
    @Order(4)
    void aSplitProcessWithoutTheSharedKeysRefusesToStartAndNamesThem() throws Exception {
        Path serverJar = onlyFile(Path.of("target"), "rcm-server-*-exec.jar");
        Map<String, String> env = new HashMap<>(sharedEnv);
        env.remove("RCM_IDEMPOTENCY_KEY");
        env.remove("RCM_AUDIT_SIGNING_KEY");
        Node lonely = startServer(serverJar, "worker-without-keys", false, true, env);
        assertThat(lonely.process().waitFor(5, TimeUnit.MINUTES)).as("the process stops by itself").isTrue();
        assertThat(lonely.process().exitValue()).isNotZero();
        String log = Files.readString(OUT.resolve("worker-without-keys.log"));
        assertThat(log).contains("RCM_IDEMPOTENCY_KEY").contains("RCM_AUDIT_SIGNING_KEY").contains("split deployment");
        // it generated nothing of its own
        Path keys = OUT.resolve("home-worker-without-keys/keys");
        try (var files = Files.list(keys)) {
            assertThat(files.toList()).isEmpty();
        } catch (java.nio.file.NoSuchFileException e) {
            // no keys directory at all
        }
    }

    // --- the processes -------------------------------------------------------------------------------------------------

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static {
        // should this JVM be stopped before @AfterAll, take the deployment down with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly)));
    }

    private static Process start(String name, ProcessBuilder pb) throws IOException {
        pb.redirectErrorStream(true);
        pb.redirectOutput(OUT.resolve(name + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Temporal's test server as a JVM of its own, reached over gRPC like a cluster. */
    private static String startTemporal() throws Exception {
        int port = freePort();
        Process p = start("temporal", new ProcessBuilder(java(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.temporal.testserver.TestServer", Integer.toString(port)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(p.isAlive()).as("Temporal server process").isTrue();
            return listening(port);
        });
        return "127.0.0.1:" + port;
    }

    /** The Stedi simulator: its executable jar when built, else its main class from this classpath. */
    private static String startSimulator() throws Exception {
        Path portFile = OUT.resolve("sim.port");
        Files.deleteIfExists(portFile);
        Path jar = onlyFile(Path.of("../sim/target"), "rcm-sim-*-exec.jar");
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m"));
        if (jar != null) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.rcmos.sim.SimServer"));
        }
        cmd.addAll(List.of("--port", "0", "--api-key", "split-sim-key", "--port-file", portFile.toAbsolutePath().toString()));
        Process p = start("sim", new ProcessBuilder(cmd));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(p.isAlive()).as("simulator process").isTrue();
            return Files.exists(portFile) && !Files.readString(portFile).isBlank();
        });
        return "http://127.0.0.1:" + Files.readString(portFile).trim();
    }

    private static Node startServer(Path jar, String name, boolean apiRole, boolean workerRole, Map<String, String> env) throws IOException {
        int port = freePort();
        Path home = OUT.resolve("home-" + name).toAbsolutePath();
        Files.createDirectories(home);
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString());
        // only what the deployment sets: not the test JVM's own RCM_* or engine variables
        pb.environment().keySet().removeIf(k -> k.startsWith("RCM_") || k.startsWith("S3_") || k.startsWith("STEDI_")
                || Set.of("DATABASE_URL", "TEMPORAL_ADDRESS", "REDIS_URL").contains(k));
        pb.environment().putAll(env);
        pb.environment().put("RCM_HOME", home.toString());
        pb.environment().put("RCM_PORT", Integer.toString(port));
        pb.environment().put("RCM_ROLE_API", Boolean.toString(apiRole));
        pb.environment().put("RCM_ROLE_WORKER", Boolean.toString(workerRole));
        return new Node(name, port, start(name, pb));
    }

    /** Generous: three servers starting at once on a small, shared machine take minutes, not seconds. */
    private static void awaitHealthy(Node node) {
        Http anonymous = new Http(node.url(), null);
        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(node.process().isAlive()).as(node.name() + " is running (see " + OUT.resolve(node.name() + ".log") + ")").isTrue();
            try {
                return anonymous.get("/healthz").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path onlyFile(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path f : files) {
                return f;
            }
        }
        return null;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    // --- the database, read directly ------------------------------------------------------------------------------------

    private static long count(String sql, String param) throws SQLException {
        try (Connection c = DriverManager.getConnection(databaseUrl); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Map<String, Object>> query(String sql, String param) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(databaseUrl); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
