package io.rcmos.server.platform;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workers wait for a Temporal server that does not answer yet, for a while, instead of ending the process at once. */
class WorkerStartTest {

    @Test
    void anUnreachableServerIsTriedAgainUntilThePatienceRunsOut() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + closedPort).setRpcTimeout(Duration.ofMillis(500)).setSystemInfoTimeout(Duration.ofMillis(500)).build());
        try {
            WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
            factory.newWorker("nobody-polls");
            long started = System.nanoTime();
            assertThatThrownBy(() -> TemporalConfig.startWaitingForTemporal(factory, Duration.ofMillis(1200)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            // tried, paused 0.5 s, tried, paused 1 s, tried: the patience (1.2 s) ran out only after the pauses
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        } finally {
            stubs.shutdownNow();
        }
    }
}
