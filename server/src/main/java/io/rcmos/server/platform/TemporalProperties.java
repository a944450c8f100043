package io.rcmos.server.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code TEMPORAL_ADDRESS} (host:port) selects a Temporal cluster; blank starts Temporal's Java test server
 * in-process, bound to 127.0.0.1 on a free port and reached over gRPC exactly like a cluster.
 */
@ConfigurationProperties("rcm.temporal")
public record TemporalProperties(String address, String namespace, String taskQueue) {

    public boolean embedded() {
        return address == null || address.isBlank();
    }
}
