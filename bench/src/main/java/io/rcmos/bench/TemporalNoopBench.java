package io.rcmos.bench;

import io.rcmos.server.platform.EmbeddedTemporalServer;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The baseline: N workflows of one no-op activity each, through an ordinary WorkflowClient over gRPC to the same
 * in-process Temporal server RCM OS embeds. Usage: {@code TemporalNoopBench [N] [concurrency]}.
 */
public final class TemporalNoopBench {

    @WorkflowInterface
    public interface Noop {
        @WorkflowMethod
        String run(String id);
    }

    @ActivityInterface
    public interface NoopActivity {
        String touch(String id);
    }

    public static class NoopImpl implements Noop {
        private final NoopActivity activity = Workflow.newActivityStub(NoopActivity.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String run(String id) {
            return activity.touch(id);
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        // the same in-process server ./rcm up embeds, with the same repair
        EmbeddedTemporalServer server = EmbeddedTemporalServer.start();
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker("noop", WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(64).setMaxConcurrentWorkflowTaskExecutionSize(64).build());
        worker.registerWorkflowImplementationTypes(NoopImpl.class);
        worker.registerActivitiesImplementations((NoopActivity) id -> id);
        factory.start();

        run(client, Math.min(200, n), concurrency, "warm-up");
        Latencies latencies = run(client, n, concurrency, "measured");
        System.out.println(latencies.report("temporal no-op workflows (1 activity)", n, lastSeconds));

        factory.shutdownNow();
        stubs.shutdownNow();
        server.close();
        System.exit(0);
    }

    private static double lastSeconds;

    private static Latencies run(WorkflowClient client, int n, int concurrency, String prefix) throws Exception {
        Latencies latencies = new Latencies(n);
        Semaphore slots = new Semaphore(concurrency);
        CompletableFuture<?>[] all = new CompletableFuture<?>[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            long t0 = System.nanoTime();
            Noop stub = client.newWorkflowStub(Noop.class, WorkflowOptions.newBuilder()
                    .setTaskQueue("noop").setWorkflowId(prefix + "-" + i + "-" + System.nanoTime()).build());
            WorkflowClient.start(stub::run, "x" + i);
            all[i] = WorkflowStub.fromTyped(stub).getResultAsync(String.class).whenComplete((r, e) -> {
                latencies.add((System.nanoTime() - t0) / 1_000_000);
                slots.release();
            });
        }
        CompletableFuture.allOf(all).join();
        lastSeconds = (System.nanoTime() - start) / 1e9;
        return latencies;
    }
}
