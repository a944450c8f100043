package io.rcmos.server.platform;

import io.rcmos.server.support.Http;
import io.rcmos.server.support.SseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R1, crash recovery: the whole system as {@code ./rcm up} runs it — the launcher script itself, as separate
 * processes, on embedded defaults (embedded PostgreSQL, in-process Temporal, the Stedi simulator) in an RCM_HOME of
 * its own — is killed with SIGKILL in the middle of a batch: first the launcher (so its clean-up never runs), then the
 * server. That leaves the embedded PostgreSQL and the simulator running as orphans. Then {@code ./rcm up} runs again,
 * once, and must:
 * <ul>
 *   <li>start at the first try (the orphans of that RCM_HOME are stopped before anything starts);</li>
 *   <li>bring every row of the batch to an end;</li>
 *   <li>never have sent one row's clearinghouse request twice: each row's member was asked in exactly one exchange
 *       (one control number, counted by both simulators), and the exchange journal holds one exchange per run;</li>
 *   <li>lose no event: a client that resumes with {@code Last-Event-ID} after the crash sees, together with what it
 *       saw before, exactly the events a full replay shows, and a terminal event for every row;</li>
 *   <li>leave no process of that RCM_HOME behind once it is stopped (SIGTERM).</li>
 * </ul>
 * {@code rcm.r1.rows} rows (default 300; {@code -Drcm.r1.rows=5000} for the long variant). Needs the server and
 * simulator jars ({@code mvn package}); the launcher runs with {@code RCM_NO_BUILD=1}, so it never builds.
 */
class CrashRecoveryIT {

    private static final int ROWS = Integer.getInteger("rcm.r1.rows", 300);
    private static final String PAYER = "87726";
    private static final String ADMIN_PASSWORD = "r1-crash-recovery-" + UUID.randomUUID();
    private static final String SIM_KEY = "sim-r1-" + UUID.randomUUID();
    /** An upper bound only: on a loaded 2-core machine the server alone has taken over two minutes to start. */
    private static final Duration START = Duration.ofMinutes(8);
    private static final Duration BATCH = Duration.ofMinutes(ROWS >= 1000 ? 30 : 8);

    private Path root;
    private Path home;
    private int port;
    private final List<Process> launchers = new ArrayList<>();
    private boolean passed;

    @BeforeEach
    void setUp() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        root = Files.exists(dir.resolve("rcm")) ? dir : dir.getParent();
        assertThat(root.resolve("rcm")).as("the launcher").isExecutable();
        assertThat(root.resolve("server/target/rcm-server-0.1.0-SNAPSHOT-exec.jar")).as("server jar (mvn package)").exists();
        assertThat(root.resolve("sim/target/rcm-sim-0.1.0-SNAPSHOT-exec.jar")).as("simulator jar (mvn package)").exists();
        home = Files.createTempDirectory("rcm-r1-home").toRealPath();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        // whatever a failed run left: only processes of this test's RCM_HOME, by pid
        launchers.forEach(Process::destroyForcibly);
        processesOf(home).forEach(ProcessHandle::destroyForcibly);
        if (!passed) {
            System.out.printf("R1: kept %s (launcher-*.log, logs/) for a look%n", home);
            return;
        }
        if (processesOf(home).isEmpty()) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aKilledSystemStartsAgainAtTheFirstTryAndFinishesTheBatchWithoutDuplicatesOrLostEvents() throws Exception {
        long began = System.nanoTime();
        Process first = up("launcher-1.log");
        Http admin = awaitHealthy(first);
        String base = "http://127.0.0.1:" + port;
        String bearer = "Bearer " + token(admin);
        Http operator = new Http(base, bearer);

        // a batch of the simulator's synthetic members (last digit 0-6: active), one member per row
        int tag = (int) (Math.random() * 100);
        StringBuilder csv = new StringBuilder("Member ID,First Name,Last Name,DOB,NPI,Practice,Service Type\r\n");
        Set<String> members = new TreeSet<>();
        for (int n = 1; n <= ROWS; n++) {
            String member = "SIM" + String.format("%02d%05d", tag, n) + (n % 7);
            members.add(member);
            csv.append(member).append(",Pat,Doe,01/31/1980,1999999984,Sunrise Clinic,30\r\n");
        }
        assertThat(members).as("distinct members").hasSize(ROWS);
        Http.Response created = operator.send(operator.builder("/batches?purpose=eligibility&payer_id=" + PAYER + "&route=clearinghouse")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String batchId = created.json().get("batch_id").asString();

        // a live client of the batch's events, from its beginning
        List<SseClient.Message> seenBefore = new ArrayList<>();
        try (SseClient live = new SseClient(base + "/events?batch_id=" + batchId + "&last_event_id=0", bearer, null)) {
            await().atMost(BATCH).pollInterval(Duration.ofMillis(200)).until(() -> {
                drain(live, seenBefore);
                return counts(operator, batchId).path("succeeded").asLong() >= Math.max(20, ROWS / 5);
            });
            JsonNode atCrash = counts(operator, batchId);
            assertThat(atCrash.path("succeeded").asLong() + atCrash.path("failed").asLong())
                    .as("the crash must come mid-batch: %s", atCrash).isLessThan(ROWS);

            // crash: the launcher first (its clean-up trap never runs), then the server
            long serverPid = pid("server");
            long simPid = pid("sim");
            long postmasterPid = Long.parseLong(Files.readAllLines(home.resolve("pg/postmaster.pid")).get(0).trim());
            ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
            first.waitFor();
            ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
            server.destroyForcibly();
            server.onExit().join();
            drain(live, seenBefore);
            System.out.printf("R1: killed mid-batch at %s (events seen %d)%n", atCrash, seenBefore.size());
            assertThat(ProcessHandle.of(simPid).map(ProcessHandle::isAlive)).as("the simulator, orphaned").contains(true);
            assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).as("embedded PostgreSQL, orphaned").contains(true);

            Map<String, Map<String, Integer>> asked = new HashMap<>();
            addSimulatorCounts(asked, members);

            // one start, and it comes up: the orphans are gone
            Files.deleteIfExists(home.resolve("run/url"));
            Process second = up("launcher-2.log");
            awaitHealthy(second);
            assertThat(ProcessHandle.of(simPid).map(ProcessHandle::isAlive).orElse(false)).as("old simulator stopped").isFalse();
            assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)).as("old PostgreSQL stopped").isFalse();

            await().atMost(BATCH).pollInterval(Duration.ofSeconds(1)).until(() -> !operator.get("/batches/" + batchId).json().path("finished_at").isNull());
            JsonNode end = counts(operator, batchId);
            assertThat(end.path("succeeded").asLong() + end.path("failed").asLong() + end.path("canceled").asLong())
                    .as("every row terminal: %s", end).isEqualTo(ROWS);
            assertThat(end.path("succeeded").asLong()).as("answered: %s", end).isEqualTo(ROWS);

            // no request sent twice for one row: one exchange (control number) per member, across both simulators
            addSimulatorCounts(asked, members);
            int repeats = 0;
            for (String member : members) {
                Map<String, Integer> numbers = asked.getOrDefault(member, Map.of());
                assertThat(numbers).as("exchanges asked for %s", member).hasSize(1);
                repeats += numbers.values().iterator().next() - 1;
            }
            assertJournalHasOneExchangePerRun(batchId);

            // no event lost: what the client saw before the crash, then after resuming from its last id, is the whole stream
            long lastSeen = seenBefore.stream().mapToLong(SseClient.Message::id).max().orElse(0);
            List<SseClient.Message> resumed = new ArrayList<>();
            List<SseClient.Message> replayed = new ArrayList<>();
            try (SseClient again = new SseClient(base + "/events?batch_id=" + batchId, bearer, Long.toString(lastSeen));
                 SseClient full = new SseClient(base + "/events?batch_id=" + batchId + "&last_event_id=0", bearer, null)) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    drain(again, resumed);
                    drain(full, replayed);
                    return completed(resumed) != null && completed(replayed) != null;
                });
            }
            long end2 = completed(replayed).id();
            Set<Long> union = new TreeSet<>();
            seenBefore.stream().map(SseClient.Message::id).forEach(union::add);
            resumed.stream().map(SseClient.Message::id).filter(id -> id <= end2).forEach(union::add);
            Set<Long> all = new TreeSet<>();
            replayed.stream().map(SseClient.Message::id).filter(id -> id <= end2).forEach(all::add);
            assertThat(resumed).as("resumed after %d", lastSeen).allSatisfy(m -> assertThat(m.id()).isGreaterThan(lastSeen));
            assertThat(union).as("events seen before the crash and after resuming").isEqualTo(all);
            Set<String> terminal = new HashSet<>();
            Stream.concat(seenBefore.stream(), resumed.stream())
                    .filter(m -> m.event().equals("run.succeeded") || m.event().equals("run.failed"))
                    .forEach(m -> terminal.add(m.data().path("run_id").asString()));
            assertThat(terminal).as("runs with a terminal event").hasSize(ROWS);

            // stopped cleanly, nothing of this RCM_HOME is left running
            second.destroy(); // SIGTERM, as Ctrl-C
            await().atMost(Duration.ofMinutes(2)).until(() -> !second.isAlive());
            await().atMost(Duration.ofSeconds(30)).until(() -> processesOf(home).isEmpty());
            System.out.printf("R1: %d rows, %d events, %d exchanges repeated under their control number, %.1f s%n",
                    ROWS, all.size(), repeats, (System.nanoTime() - began) / 1e9);
            passed = true;
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** {@code ./rcm up} on this test's RCM_HOME and port, embedded defaults, the jars as built. */
    private Process up(String log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("rcm").toString(), "up").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve(log).toFile());
        Map<String, String> env = pb.environment();
        for (String name : List.of("DATABASE_URL", "DATABASE_USERNAME", "DATABASE_PASSWORD", "TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE",
                "TEMPORAL_TASK_QUEUE", "REDIS_URL", "S3_ENDPOINT", "S3_BUCKET", "STEDI_API_KEY", "STEDI_BASE_URL", "STEDI_MODE",
                "RCM_PORTAL_BASE_URL", "RCM_ROLE_API", "RCM_ROLE_WORKER")) {
            env.remove(name);
        }
        env.put("RCM_HOME", home.toString());
        env.put("RCM_PORT", Integer.toString(port));
        env.put("RCM_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("RCM_SIM_API_KEY", SIM_KEY);
        env.put("RCM_NO_BUILD", "1");
        Process p = pb.start();
        launchers.add(p);
        return p;
    }

    private Http awaitHealthy(Process launcher) {
        Path url = home.resolve("run/url");
        String log = launcher == launchers.get(0) ? "launcher-1.log" : "launcher-2.log";
        try {
            await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!launcher.isAlive()) {
                    throw new AssertionError("./rcm up exited with " + launcher.exitValue() + ": " + tail(log));
                }
                return Files.exists(url) && !Files.readString(url).isBlank();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("./rcm up was not healthy within " + START + ": " + tail(log), e);
        }
        String base = "http://127.0.0.1:" + port;
        Http admin = new Http(base, "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(admin.get("/healthz").status()).isEqualTo(200);
        return admin;
    }

    private String tail(String log) {
        try {
            List<String> lines = Files.readAllLines(home.resolve(log));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String token(Http admin) {
        Http.Response r = admin.postJson("/auth/tokens", "{\"name\":\"r1\",\"role\":\"operator\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asString();
    }

    private static JsonNode counts(Http http, String batchId) {
        return http.get("/batches/" + batchId).json().path("counts");
    }

    private long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("run/" + name + ".pid")).trim());
    }

    private static void drain(SseClient client, List<SseClient.Message> into) throws InterruptedException {
        SseClient.Message m;
        while ((m = client.next(Duration.ZERO)) != null) {
            into.add(m);
        }
    }

    private static SseClient.Message completed(List<SseClient.Message> messages) {
        return messages.stream().filter(m -> m.event().equals("batch.completed")).findFirst().orElse(null);
    }

    /** Adds what the running simulator of this RCM_HOME received: per member, each control number and its requests. */
    private void addSimulatorCounts(Map<String, Map<String, Integer>> into, Set<String> members) throws IOException {
        int simPort = Integer.parseInt(Files.readString(home.resolve("run/sim.port")).trim());
        JsonNode seen = new Http("http://127.0.0.1:" + simPort, SIM_KEY).get("/sim/requests").json().path("members");
        for (String member : members) {
            seen.path(member).path("control_numbers").properties().forEach(e ->
                    into.computeIfAbsent(member, m -> new HashMap<>()).merge(e.getKey(), e.getValue().asInt(), Integer::sum));
        }
    }

    /** The exchange journal in the embedded database: one exchange per run of the batch, each answered and settled. */
    private void assertJournalHasOneExchangePerRun(String batchId) throws Exception {
        int pgPort = Integer.parseInt(Files.readString(home.resolve("run/postgres.port")).trim());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery("""
                     select count(distinct r.run_id), count(e.id), count(*) filter (where e.state = 'settled'),
                            count(*) filter (where e.sends > 1)
                       from runs r left join clearinghouse_exchanges e on e.run_id = r.run_id
                      where r.batch_id = '%s'""".formatted(UUID.fromString(batchId)))) {
            rs.next();
            assertThat(rs.getLong(1)).as("runs").isEqualTo(ROWS);
            assertThat(rs.getLong(2)).as("exchanges: one per run").isEqualTo(ROWS);
            assertThat(rs.getLong(3)).as("exchanges settled").isEqualTo(ROWS);
            System.out.printf("R1: %d exchanges sent again under their control number after the crash%n", rs.getLong(4));
        }
    }

    /** Live processes whose command line names this RCM_HOME (launcher, server, simulator, embedded PostgreSQL). */
    private static List<ProcessHandle> processesOf(Path home) {
        String marker = home.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> cmdline(p.pid()).contains(marker))
                .toList();
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
