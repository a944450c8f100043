package io.rcmos.server.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Events settings. {@code redisUrl} ({@code REDIS_URL}) turns on the Redis relay: every outbox event is appended
 * to the stream {@code redisStream} and published on {@code redisChannel}. {@code relayName} keys the relay's
 * offset in {@code event_relay_offsets}.
 */
@ConfigurationProperties("rcm.events")
public record EventsProperties(
        String redisUrl,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration sseTimeout,
        @DefaultValue("rcm:events") String redisStream,
        @DefaultValue("rcm:events") String redisChannel,
        @DefaultValue("redis") String relayName,
        @DefaultValue("1000000") long redisStreamMaxLength) {

    public boolean redisEnabled() {
        return redisUrl != null && !redisUrl.isBlank();
    }
}
