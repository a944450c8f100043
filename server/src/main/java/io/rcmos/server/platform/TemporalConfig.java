package io.rcmos.server.platform;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.rcmos.server.platform.crypto.SharedKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Temporal wiring. The client and workers always talk gRPC to an address; in embedded mode that address is a
 * test server started here, so switching to a cluster is only a matter of setting {@code TEMPORAL_ADDRESS}.
 */
@Configuration(proxyBeanMethods = false)
class TemporalConfig {

    private static final Logger log = LoggerFactory.getLogger(TemporalConfig.class);

    /** The in-process server, when embedded; its address is what the client dials. */
    static final class EmbeddedTemporal implements AutoCloseable {
        private final EmbeddedTemporalServer server;
        private final String address;

        EmbeddedTemporal(EmbeddedTemporalServer server, String address) {
            this.server = server;
            this.address = address;
        }

        String address() {
            return address;
        }

        @Override
        public void close() throws InterruptedException {
            if (server != null) {
                server.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedTemporal embeddedTemporal(TemporalProperties props, RcmHome home) {
        if (!props.embedded()) {
            return new EmbeddedTemporal(null, props.address());
        }
        try {
            EmbeddedTemporalServer server = EmbeddedTemporalServer.start();
            home.writeRunFile("temporal.address", server.address());
            log.info("embedded Temporal server listening on {}", server.address());
            return new EmbeddedTemporal(server, server.address());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Temporal server did not start", e);
        }
    }

    @Bean(destroyMethod = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(EmbeddedTemporal temporal) {
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporal.address())
                .setRpcTimeout(Duration.ofSeconds(10))
                .build());
    }

    /**
     * Payloads and failures as Temporal stores them: the default JSON conversion, then sealed by {@link PayloadCipher}
     * — failure messages and stack traces too (moved into encoded attributes before sealing). Client and workers share
     * it, so everything this process writes to history is sealed and everything it reads is opened.
     */
    @Bean
    DataConverter temporalDataConverter(SharedKeys keys) {
        byte[] key = keys.load(SharedKeys.Key.TEMPORAL_CODEC);
        return PayloadCipher.dataConverter(key);
    }

    @Bean
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, TemporalProperties props, DataConverter dataConverter,
                                  ObjectProvider<WorkflowClientInterceptor> interceptors) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(props.namespace())
                .setDataConverter(dataConverter)
                .setInterceptors(interceptors.orderedStream().toArray(WorkflowClientInterceptor[]::new))
                .build());
    }

    @Bean
    WorkerFactory workerFactory(WorkflowClient client, ObjectProvider<WorkerInterceptor> interceptors) {
        return WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(interceptors.orderedStream().toArray(WorkerInterceptor[]::new))
                .build());
    }

    /**
     * Starts polling once every worker has been registered. Stop suspends polling (a paused context can be
     * started again, as Spring's test context cache does); the factory is shut down when the context closes.
     * Off when this process is API-only ({@code RCM_ROLE_WORKER=false}).
     */
    @Bean
    SmartLifecycle temporalWorkers(WorkerFactory factory, @Value("${rcm.roles.worker:true}") boolean workerRole) {
        return new SmartLifecycle() {
            private volatile boolean running;
            private boolean started;

            @Override
            public void start() {
                if (workerRole) {
                    if (started) {
                        factory.resumePolling();
                    } else {
                        startWaitingForTemporal(factory, WORKER_START_PATIENCE);
                        started = true;
                    }
                }
                running = true;
            }

            @Override
            public void stop() {
                if (workerRole && started) {
                    factory.suspendPolling();
                }
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // after the web server is up, before it stops
                return Integer.MAX_VALUE - 100;
            }
        };
    }

    /** How long a worker waits at start-up for a Temporal server that is not answering yet. */
    static final Duration WORKER_START_PATIENCE = Duration.ofMinutes(3);

    /**
     * Starts the workers. Their start asks the server for its capabilities first; a server that is still starting, or
     * a machine too busy to answer within the call's deadline (a split deployment's processes start together), is
     * waited for — up to {@code patience}, with a growing pause — instead of ending the process.
     */
    static void startWaitingForTemporal(WorkerFactory factory, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                factory.start();
                return;
            } catch (io.grpc.StatusRuntimeException e) {
                io.grpc.Status.Code code = e.getStatus().getCode();
                boolean transientFailure = code == io.grpc.Status.Code.UNAVAILABLE || code == io.grpc.Status.Code.DEADLINE_EXCEEDED;
                if (!transientFailure || System.nanoTime() > deadline) {
                    throw e;
                }
                long pauseMillis = Math.min(5_000, 500L * attempt);
                log.warn("Temporal did not answer the workers' start ({}), attempt {}: trying again in {} ms", code, attempt, pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Graceful worker shutdown when the context closes: in-flight activities get a moment to finish. */
    @Bean
    org.springframework.beans.factory.DisposableBean temporalWorkerShutdown(WorkerFactory factory) {
        return () -> {
            factory.shutdown();
            factory.awaitTermination(10, TimeUnit.SECONDS);
        };
    }
}
