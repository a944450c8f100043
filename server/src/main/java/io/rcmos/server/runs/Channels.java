package io.rcmos.server.runs;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels configured in this process, in preference order (bean order). {@code auto} tries every channel
 * that supports the purpose and payer, in that order. Routing policy per payer arrives with payer configs.
 */
@Component
class Channels {

    private final Map<String, Channel> byRoute = new LinkedHashMap<>();

    Channels(List<Channel> channels) {
        for (Channel channel : channels) {
            if (byRoute.putIfAbsent(channel.route(), channel) != null) {
                throw new IllegalStateException("two channels claim the route " + channel.route());
            }
        }
    }

    Optional<Channel> get(String route) {
        return Optional.ofNullable(byRoute.get(route));
    }

    /** The routes to try for a run, in order; empty when none can answer. */
    List<String> plan(String requestedRoute, Purpose purpose, String payerId) {
        if (!"auto".equals(requestedRoute)) {
            return get(requestedRoute).filter(c -> c.supports(purpose, payerId)).map(c -> List.of(c.route())).orElse(List.of());
        }
        return byRoute.values().stream().filter(c -> c.supports(purpose, payerId)).map(Channel::route).toList();
    }

    List<String> routes() {
        return List.copyOf(byRoute.keySet());
    }
}
