package io.rcmos.server.clearinghouse;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Stedi settings. {@code apiKey} is sent bare in {@code Authorization} (no {@code Bearer}); blank disables the
 * clearinghouse channel. {@code maxConcurrency} caps calls in flight from this process, well below Stedi's
 * account-wide limit; {@code maxAttempts}/{@code initialBackoff}/{@code maxBackoff} are the Temporal retry policy of
 * clearinghouse attempts (exponential, doubling), and a 429's {@code Retry-After} is honoured up to
 * {@code maxRetryAfter}. {@code mode} is {@code json} or {@code x12} (raw X12 270/276).
 */
@ConfigurationProperties("rcm.stedi")
public record StediProperties(String apiKey, String baseUrl, String mode, Duration timeout, int maxConcurrency,
                              int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                              String webhookSecrets, String webhookApiKey, String webhookApiKeyHeader, Duration webhookTolerance) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public StediProperties {
        if (maxRetryAfter == null) {
            maxRetryAfter = Duration.ofMinutes(1);
        }
    }

    /** For code that needs only the call settings (tests, tools). */
    public StediProperties(String apiKey, String baseUrl, String mode, Duration timeout, int maxConcurrency, int maxAttempts,
                           Duration initialBackoff, Duration maxBackoff) {
        this(apiKey, baseUrl, mode, timeout, maxConcurrency, maxAttempts, initialBackoff, maxBackoff, Duration.ofMinutes(1), null, null,
                "X-Webhook-Key", Duration.ofMinutes(5));
    }

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }
}
