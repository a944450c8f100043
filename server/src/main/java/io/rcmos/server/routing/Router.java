package io.rcmos.server.routing;

import io.rcmos.server.channels.Lane;
import io.rcmos.server.flags.Flags;
import io.rcmos.server.payers.PayerConfig;
import io.rcmos.server.payers.PayerRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds the {@link RoutePolicy} with what is true now: the payer's flags (read per hop, so a change applies to the
 * next decision without a restart) and its maintenance windows.
 */
@Component
public class Router {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Flags flags;
    private final PayerRegistry payers;
    private final Clock clock;

    Router(Flags flags, PayerRegistry payers, Clock clock) {
        this.flags = flags;
        this.payers = payers;
        this.clock = clock;
    }

    /** A channel that supports the run, in the process's preference order, and its lane (null: not governed). */
    public record Option(String route, Lane lane) {
    }

    /**
     * The next hop of a run.
     *
     * @param requestedRoute {@code auto}, or the one route the client asked for
     * @param options        channels that support the purpose and payer, in default preference order
     */
    public RoutePolicy.Hop next(String payerId, String purpose, String requestedRoute, List<Option> options,
                                RoutePolicy.Context context) {
        Flags.Flag flag = flags.get(payerId, purpose);
        return RoutePolicy.next(allowed(flag, requestedRoute, options), maintenance(payerId, options), flag.humanFallback(), context);
    }

    /** The routes flags allow, preferred first; a route asked for by name is the only one. */
    private static List<String> allowed(Flags.Flag flag, String requestedRoute, List<Option> options) {
        List<String> routes = new ArrayList<>();
        for (Option option : options) {
            if (flag.allows(option.route()) && ("auto".equals(requestedRoute) || option.route().equals(requestedRoute))) {
                routes.add(option.route());
            }
        }
        if ("auto".equals(requestedRoute) && routes.remove(flag.prefer())) {
            routes.add(0, flag.prefer());
        }
        return routes;
    }

    private Map<String, String> maintenance(String payerId, List<Option> options) {
        Instant now = clock.instant();
        Map<String, String> out = new LinkedHashMap<>();
        PayerConfig config = payers.get(payerId);
        for (Option option : options) {
            if (option.lane() == null) {
                continue;
            }
            for (PayerConfig.MaintenanceWindow window : config.maintenanceWindows()) {
                if (window.channel().equals(option.lane().channel()) && window.covers(now)) {
                    out.put(option.route(), option.lane().channel() + " is in its maintenance window until "
                            + HH_MM.format(window.to()) + " " + window.zone().getId());
                }
            }
        }
        return out;
    }
}
