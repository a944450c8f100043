package io.rcmos.server.events;

import io.rcmos.server.platform.health.HealthCheck;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/** {@code events}: the outbox tailer has completed a pass recently; with Redis, the relay's connection answers. */
@Component
class EventsHealth implements HealthCheck {

    private final EventHub hub;
    private final EventsProperties props;
    private final RedisRelay relay;

    EventsHealth(EventHub hub, EventsProperties props, org.springframework.beans.factory.ObjectProvider<RedisRelay> relay) {
        this.hub = hub;
        this.props = props;
        this.relay = relay.getIfAvailable();
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public void check() {
        Duration since = Duration.between(hub.lastPoll(), Instant.now());
        if (since.compareTo(props.pollInterval().multipliedBy(50).plusSeconds(5)) > 0) {
            throw new IllegalStateException("outbox tailer has not completed a pass for " + since.toSeconds() + " s");
        }
        if (relay != null) {
            relay.ping();
        }
    }
}
