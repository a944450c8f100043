package io.rcmos.server.runs;

import io.rcmos.server.channels.AttemptPolicy;
import io.rcmos.server.platform.TemporalProperties;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registers the run workflow and its activities on the runs task queue (polling starts with the worker factory). */
@Configuration(proxyBeanMethods = false)
class RunWorker {

    /**
     * Run workflows get each channel's {@link AttemptPolicy} from configuration here. The policies only shape the
     * activity options of attempts (timeouts, retries), never the workflow's commands, so changing them is safe for
     * running workflows.
     */
    @Bean
    Worker runsWorker(WorkerFactory factory, TemporalProperties temporal, RunActivitiesImpl activities, Channels channels) {
        Worker worker = factory.newWorker(temporal.taskQueue(), temporal.workflowWorkerOptions()
                .setMaxConcurrentActivityExecutionSize(64)
                .setMaxConcurrentWorkflowTaskExecutionSize(64)
                .build());
        Map<String, AttemptPolicy> policies = channels.policies();
        worker.registerWorkflowImplementationFactory(RunWorkflow.class, () -> new RunWorkflowImpl(policies));
        worker.registerActivitiesImplementations(activities);
        return worker;
    }

    /**
     * The queues channels declared as their own (the portal's: one activity slot per browser worker, so browser
     * sessions never outnumber browsers), each polled for attempts only.
     */
    @Bean
    List<Worker> channelWorkers(WorkerFactory factory, TemporalProperties temporal, RunActivitiesImpl activities, Channels channels) {
        List<Worker> workers = new ArrayList<>();
        channels.ownQueues().forEach((suffix, slots) -> {
            Worker worker = factory.newWorker(temporal.taskQueue() + suffix, WorkerOptions.newBuilder()
                    .setMaxConcurrentActivityExecutionSize(Math.max(1, slots))
                    .build());
            worker.registerActivitiesImplementations(activities);
            workers.add(worker);
        });
        return workers;
    }
}
