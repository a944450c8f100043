package io.rcmos.server.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code TEMPORAL_ADDRESS} (host:port) selects a Temporal cluster; blank starts Temporal's Java test server
 * in-process, bound to 127.0.0.1 on a free port and reached over gRPC exactly like a cluster. {@code codecKey}
 * ({@code RCM_TEMPORAL_CODEC_KEY}, base64 of 256 bits) seals every payload and failure text Temporal stores; blank
 * generates one under {@code RCM_HOME/keys}. Every API and worker process of one deployment needs the same key.
 * {@code stickyScheduleToStart} ({@code TEMPORAL_STICKY_SCHEDULE_TO_START}) is how long a workflow task waits on the
 * queue of the worker that last ran the workflow before any worker may take it (blank: the SDK's 5 s; {@code 0s}:
 * no sticky execution — for a server that never moves tasks off a dead worker's sticky queue, like the test server).
 */
@ConfigurationProperties("rcm.temporal")
public record TemporalProperties(String address, String namespace, String taskQueue, String codecKey,
                                 java.time.Duration stickyScheduleToStart) {

    public boolean embedded() {
        return address == null || address.isBlank();
    }

    /** Options of a worker that runs workflows, with the configured stickiness. */
    public io.temporal.worker.WorkerOptions.Builder workflowWorkerOptions() {
        io.temporal.worker.WorkerOptions.Builder options = io.temporal.worker.WorkerOptions.newBuilder();
        if (stickyScheduleToStart != null) {
            options.setStickyQueueScheduleToStartTimeout(stickyScheduleToStart);
        }
        return options;
    }
}
