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
    private final io.rcmos.server.flags.Flags flags;

    Channels(List<Channel> channels, io.rcmos.server.flags.Flags flags) {
        this.flags = flags;
        for (Channel channel : channels) {
            if (byRoute.putIfAbsent(channel.route(), channel) != null) {
                throw new IllegalStateException("two channels claim the route " + channel.route());
            }
        }
    }

    Optional<Channel> get(String route) {
        return Optional.ofNullable(byRoute.get(route));
    }

    /**
     * The routes to try for a run, in order; empty when none can answer. The payer's flags (read now, so a change
     * applies to the next run) switch channels off and choose which goes first for {@code auto}.
     */
    List<String> plan(String requestedRoute, Purpose purpose, String payerId) {
        io.rcmos.server.flags.Flags.Flag flag = flags.get(payerId, purpose.wire());
        if (!"auto".equals(requestedRoute)) {
            return get(requestedRoute).filter(c -> c.supports(purpose, payerId) && flag.allows(c.route()))
                    .map(c -> List.of(c.route())).orElse(List.of());
        }
        java.util.List<String> routes = new java.util.ArrayList<>(byRoute.values().stream()
                .filter(c -> c.supports(purpose, payerId) && flag.allows(c.route())).map(Channel::route).toList());
        if (routes.remove(flag.prefer())) {
            routes.add(0, flag.prefer());
        }
        return routes;
    }

    List<String> routes() {
        return List.copyOf(byRoute.keySet());
    }
}
