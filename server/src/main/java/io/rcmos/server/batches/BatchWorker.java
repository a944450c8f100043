package io.rcmos.server.batches;

import io.rcmos.server.platform.TemporalProperties;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The batch workflow and its activities on their own task queue ({@code <runs queue>-batches}). */
@Configuration(proxyBeanMethods = false)
class BatchWorker {

    static final String QUEUE_SUFFIX = "-batches";

    @Bean
    Worker batchesWorker(WorkerFactory factory, TemporalProperties temporal, BatchActivitiesImpl activities) {
        Worker worker = factory.newWorker(temporal.taskQueue() + QUEUE_SUFFIX, temporal.workflowWorkerOptions()
                .setMaxConcurrentActivityExecutionSize(8)
                .build());
        worker.registerWorkflowImplementationTypes(BatchWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        return worker;
    }
}
