package io.rcmos.server.runs;

import io.rcmos.server.channels.FailureClass;
import io.rcmos.server.portal.PortalChannel;
import io.rcmos.server.platform.PayloadCipher;
import io.rcmos.server.routing.Governor;
import io.rcmos.server.routing.RoutePolicy;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A portal worker in a process of its own, for {@link PortalAttemptHeartbeatIT} to kill or freeze: it takes one portal
 * attempt and works on it "forever", heartbeating through the production {@link AttemptHeartbeat}, until Temporal
 * tells it the attempt was given up. It prints {@code ATTEMPT n} when it starts one and {@code ABANDONED} when told.
 * Arguments: the Temporal address and the runs task queue.
 */
public final class HeartbeatingPortalWorker {

    private HeartbeatingPortalWorker() {
    }

    public static void main(String[] args) throws Exception {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
        WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setDataConverter(PayloadCipher.dataConverter(RunWorkflowTest.CODEC_KEY)).build());
        WorkerFactory factory = WorkerFactory.newInstance(client);
        factory.newWorker(args[1] + PortalChannel.QUEUE_SUFFIX, WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(1).build()).registerActivitiesImplementations(new Working());
        factory.start();
        System.out.println("READY");
        Thread.currentThread().join();
    }

    /** Portal attempts that never finish on their own; everything else belongs to the runs queue, not here. */
    static final class Working implements RunActivities {
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attempt-heartbeat");
            t.setDaemon(true);
            return t;
        });

        @Override
        public Attempt attempt(String runId, String route, int attempt, String breakpointId) {
            System.out.println("ATTEMPT " + Activity.getExecutionContext().getInfo().getAttempt());
            try (AttemptHeartbeat heartbeat = AttemptHeartbeat.start(Activity.getExecutionContext(), scheduler)) {
                for (int step = 0; !heartbeat.abandoned(); step++) {
                    heartbeat.beat("steps[" + step + "]");
                    Thread.sleep(100);
                }
                System.out.println("ABANDONED");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Attempt(Attempt.Kind.UNAVAILABLE, "portal_abandoned", "given up", null, null, 0, FailureClass.TRANSIENT);
        }

        @Override
        public void start(String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Plan plan(String runId, RoutePolicy.Context context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RoutePolicy.Hop route(String runId, RoutePolicy.Context context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Governor.Permit acquire(String runId, String route, int asked) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Task openTask(String runId, String route, String type, String reasonCode, String prompt, long windowSeconds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskState checkTask(String runId, String breakpointId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void completeByPerson(String runId, String breakpointId, String action) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void fail(String runId, String code, String message, boolean retryable) {
            throw new UnsupportedOperationException();
        }
    }
}
