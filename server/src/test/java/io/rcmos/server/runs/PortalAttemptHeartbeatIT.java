package io.rcmos.server.runs;

import io.rcmos.server.portal.PortalChannel;
import io.rcmos.server.channels.AttemptPolicy;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.rcmos.server.platform.PayloadCipher;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A portal attempt whose worker dies (kill -9) or freezes (SIGSTOP) is retried elsewhere within the heartbeat timeout,
 * not after the attempt's own time limit; a frozen worker that wakes up learns its attempt was given up and stops.
 * Temporal's test server runs in real time over gRPC; the dying worker is a process of its own
 * ({@link HeartbeatingPortalWorker}) beating through the production {@link AttemptHeartbeat}.
 */
class PortalAttemptHeartbeatIT {

    private static final String QUEUE = "hb-runs";
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    /** Far above the heartbeat timeout: a retry in time can only come from the heartbeat. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(5);
    private static final AttemptPolicy PORTAL = new AttemptPolicy(PortalChannel.QUEUE_SUFFIX, ATTEMPT_TIMEOUT, HEARTBEAT_TIMEOUT,
            Duration.ofMinutes(1), 2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

    private TestServicesStarter services;
    private Server server;
    private WorkflowServiceStubs stubs;
    private WorkflowClient client;
    private WorkerFactory workflows;
    private WorkerFactory rescue;
    private Process child;
    private final List<String> childSaid = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        services = new TestServicesStarter(true, 0); // real time, like a cluster
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
        services.getServices().forEach(builder::addService);
        server = builder.build().start();
        String address = "127.0.0.1:" + server.getPort();
        stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setDataConverter(PayloadCipher.dataConverter(RunWorkflowTest.CODEC_KEY)).build());

        // the run workflow and its bookkeeping in this process; its only route is the portal
        workflows = WorkerFactory.newInstance(client);
        Worker worker = workflows.newWorker(QUEUE);
        worker.registerWorkflowImplementationFactory(RunWorkflow.class, () -> new RunWorkflowImpl(Map.of("portal", PORTAL)));
        RunWorkflowTest.ScriptedActivities bookkeeping = new RunWorkflowTest.ScriptedActivities();
        bookkeeping.plan = List.of("portal");
        worker.registerActivitiesImplementations(bookkeeping);
        workflows.start();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HeartbeatingPortalWorker.class.getName(),
                address, QUEUE).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    childSaid.add(line.trim());
                }
            } catch (java.io.IOException ignored) {
                // the process is gone
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> childSaid.contains("READY"));
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null && child.isAlive()) {
            signal("CONT");
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (rescue != null) {
            rescue.shutdownNow();
        }
        workflows.shutdownNow();
        stubs.shutdownNow();
        server.shutdownNow();
        services.close();
    }

    private void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    }

    /** Starts a run and waits until the other process took its first portal attempt. */
    private WorkflowStub runTakenByTheChild(String id) {
        RunWorkflow run = client.newWorkflowStub(RunWorkflow.class, WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
        WorkflowClient.start(run::run, new RunWorkflow.RunInput("00000000-0000-0000-0000-000000000001", "87726", "eligibility"));
        await().atMost(Duration.ofSeconds(30)).until(() -> childSaid.contains("ATTEMPT 1"));
        return WorkflowStub.fromTyped(run);
    }

    /** A second portal worker in this process, answering: it only exists once the first attempt is taken. */
    private RunWorkflowTest.ScriptedActivities rescuer() {
        rescue = WorkerFactory.newInstance(client);
        RunWorkflowTest.ScriptedActivities answering = new RunWorkflowTest.ScriptedActivities();
        answering.script.add(new RunActivities.Attempt(RunActivities.Attempt.Kind.ANSWERED, null, null, null, null, 0, null));
        rescue.newWorker(QUEUE + PortalChannel.QUEUE_SUFFIX).registerActivitiesImplementations(answering);
        rescue.start();
        return answering;
    }

    @Test
    void aKilledWorkersAttemptIsRetriedWithinTheHeartbeatTimeout() throws Exception {
        WorkflowStub run = runTakenByTheChild("run-killed");
        RunWorkflowTest.ScriptedActivities answering = rescuer();
        // a heartbeating attempt is not taken away: the live child keeps it past a heartbeat timeout
        await().during(HEARTBEAT_TIMEOUT.plusSeconds(1)).atMost(HEARTBEAT_TIMEOUT.plusSeconds(3)).until(answering.calls::isEmpty);

        long killed = System.nanoTime();
        child.destroyForcibly();
        // within the heartbeat timeout (plus the retry's first pause and a margin), far inside the attempt's own limit
        await().atMost(HEARTBEAT_TIMEOUT.plusSeconds(1 + 4)).until(() -> !answering.calls.isEmpty());
        Duration retriedAfter = Duration.ofNanos(System.nanoTime() - killed);
        RunWorkflow.RunOutcome outcome = run.getResult(10, TimeUnit.SECONDS, RunWorkflow.RunOutcome.class);
        assertThat(outcome.status()).isEqualTo("succeeded");
        assertThat(outcome.route()).isEqualTo("portal");
        assertThat(answering.calls).containsExactly("attempt:portal:1:null");
        assertThat(retriedAfter).isLessThan(ATTEMPT_TIMEOUT);
        System.out.printf("killed worker: attempt retried %d ms after kill -9 (heartbeat timeout %d ms)%n",
                retriedAfter.toMillis(), HEARTBEAT_TIMEOUT.toMillis());
    }

    @Test
    void aFrozenWorkersAttemptIsRetriedAndTheWorkerStopsItWhenItWakes() throws Exception {
        WorkflowStub run = runTakenByTheChild("run-frozen");
        RunWorkflowTest.ScriptedActivities answering = rescuer();
        long frozen = System.nanoTime();
        signal("STOP");
        await().atMost(HEARTBEAT_TIMEOUT.plusSeconds(1 + 4)).until(() -> !answering.calls.isEmpty());
        Duration retriedAfter = Duration.ofNanos(System.nanoTime() - frozen);
        assertThat(run.getResult(10, TimeUnit.SECONDS, RunWorkflow.RunOutcome.class).status()).isEqualTo("succeeded");

        signal("CONT");
        await().atMost(HEARTBEAT_TIMEOUT.multipliedBy(3)).until(() -> childSaid.contains("ABANDONED"));
        assertThat(childSaid).as("the woken worker took no second attempt").containsOnlyOnce("ATTEMPT 1").doesNotContain("ATTEMPT 2");
        System.out.printf("frozen worker: attempt retried %d ms after SIGSTOP (heartbeat timeout %d ms)%n",
                retriedAfter.toMillis(), HEARTBEAT_TIMEOUT.toMillis());
    }
}
