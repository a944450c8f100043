package io.rcmos.server.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code TEMPORAL_ADDRESS} (host:port) selects a Temporal cluster; blank starts Temporal's Java test server
 * in-process, bound to 127.0.0.1 on a free port and reached over gRPC exactly like a cluster. {@code codecKey}
 * ({@code RCM_TEMPORAL_CODEC_KEY}, base64 of 256 bits) seals every payload and failure text Temporal stores; blank
 * generates one under {@code RCM_HOME/keys}. Every API and worker process of one deployment needs the same key.
 */
@ConfigurationProperties("rcm.temporal")
public record TemporalProperties(String address, String namespace, String taskQueue, String codecKey) {

    public boolean embedded() {
        return address == null || address.isBlank();
    }
}
