package io.rcmos.server.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;

/**
 * Portal channel settings ({@code rcm.portal}). {@code baseUrl} is where the portals are ({@code ./rcm up} points it
 * at the simulator's fake portals); blank turns the channel off. {@code flows} is the folder of payer flows
 * ({@code config/payers}, found upward from the working directory when blank). {@code credentials} maps a portal
 * name to the credential the bot uses there — values come from the environment, never from files in the repo; a
 * {@code totpSecret} means the portal's policy lets the bot hold the second factor. {@code sessionTtl} bounds how
 * long a saved login is reused. {@code heartbeatTimeout}: a portal attempt heartbeats while its flow works, and one
 * whose worker went silent this long is retried elsewhere (default 30 s).
 */
@ConfigurationProperties("rcm.portal")
public record PortalProperties(boolean enabled, String baseUrl, String flows, int workers, boolean stepScreenshots,
                               Duration sessionTtl, String sessionKey, Map<String, Credential> credentials,
                               Duration heartbeatTimeout) {

    public PortalProperties {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        if (heartbeatTimeout == null || heartbeatTimeout.isZero() || heartbeatTimeout.isNegative()) {
            heartbeatTimeout = Duration.ofSeconds(30);
        }
        if (workers < 1) {
            workers = 1;
        }
    }

    /** A portal login: its secrets, and a base32 TOTP secret when the bot may generate codes. */
    public record Credential(String username, String password, String totpSecret) {

        @Override
        public String toString() {
            return "Credential[" + (username == null || username.isBlank() ? "unset" : "set") + "]";
        }
    }

    public boolean configured() {
        return enabled && baseUrl != null && !baseUrl.isBlank();
    }
}
