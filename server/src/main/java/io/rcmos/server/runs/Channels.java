package io.rcmos.server.runs;

import io.rcmos.server.channels.AttemptPolicy;
import io.rcmos.server.channels.Channel;
import io.rcmos.server.channels.ChannelProperties;
import io.rcmos.server.channels.Purpose;
import io.rcmos.server.routing.Router;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels configured in this process, in default preference order (bean order). Which one answers a run, and
 * in which order they are tried, is the routing policy's decision ({@link Router}); this class says which exist and
 * support a payer and purpose, and where their calls go.
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

    /** The channels that can answer this purpose for this payer at all, with their lanes, in default order. */
    List<Router.Option> options(Purpose purpose, String payerId) {
        return byRoute.values().stream().filter(c -> c.supports(purpose, payerId))
                .map(c -> new Router.Option(c.route(), c.lane(purpose, payerId))).toList();
    }

    /** Whether a run asking for {@code requestedRoute} has any channel that could answer it. */
    boolean accepts(String requestedRoute, Purpose purpose, String payerId) {
        return options(purpose, payerId).stream().anyMatch(o -> "auto".equals(requestedRoute) || o.route().equals(requestedRoute));
    }

    /** Each channel's attempt policy, by route. */
    Map<String, AttemptPolicy> policies() {
        Map<String, AttemptPolicy> policies = new LinkedHashMap<>();
        byRoute.forEach((route, channel) -> policies.put(route, channel.properties().attempts()));
        return Map.copyOf(policies);
    }

    /** The task queues of their own that channels declared (suffix of the runs queue) → slots per process. */
    Map<String, Integer> ownQueues() {
        Map<String, Integer> queues = new LinkedHashMap<>();
        for (Channel channel : byRoute.values()) {
            ChannelProperties properties = channel.properties();
            if (properties.ownQueue()) {
                queues.merge(properties.attempts().queueSuffix(), properties.queueSlots(), Math::max);
            }
        }
        return queues;
    }

    List<String> routes() {
        return List.copyOf(byRoute.keySet());
    }
}
