package io.rcmos.server.routing;

import io.rcmos.server.channels.FailureClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routing policy as a pure function: the channels that may answer (already in flag order), the ones in a
 * maintenance window now, whether a person is the last resort, and what happened so far → the next hop and why.
 * Clearinghouse first when enabled (or whatever the flags prefer); after a transient failure that outlived its
 * retries, an enrollment/config error or a credentials failure, the next channel; a channel in maintenance is
 * skipped; after a data error, a person reviews the request rather than another channel guessing; a person last.
 */
public final class RoutePolicy {

    private RoutePolicy() {
    }

    /** What has happened so far: routes tried (in order) and how the last one ended (null before the first hop). */
    public record Context(List<String> tried, String lastRoute, String lastCode, FailureClass lastClass, String lastMessage) {

        public Context {
            tried = tried == null ? List.of() : List.copyOf(tried);
        }

        public static Context first() {
            return new Context(List.of(), null, null, null, null);
        }

        /** The context after {@code route} failed with {@code code} of class {@code failure}; {@code message} has no PHI. */
        public Context after(String route, String code, FailureClass failure, String message) {
            List<String> next = new ArrayList<>(tried);
            next.add(route);
            return new Context(next, route, code, failure, message);
        }

        public Context after(String route, String code, FailureClass failure) {
            return after(route, code, failure, null);
        }
    }

    public enum Kind { CHANNEL, HUMAN, FAIL }

    /**
     * The next hop. For {@code CHANNEL}: {@code route}. For {@code HUMAN}: {@code taskType} ({@code review} or
     * {@code credentials}). For {@code FAIL}: {@code code}. {@code fallback} is true when this hop replaces the
     * route that would have been first (after a failure, or around a maintenance window). {@code reason} is for
     * people and carries no PHI.
     */
    public record Hop(Kind kind, String route, String taskType, String code, String reason, boolean fallback, boolean retryable) {

        static Hop channel(String route, String reason, boolean fallback) {
            return new Hop(Kind.CHANNEL, route, null, null, reason, fallback, false);
        }

        static Hop human(String taskType, String code, String reason) {
            return new Hop(Kind.HUMAN, "human", taskType, code, reason, true, false);
        }

        /** The end: {@code retryable} says whether the same request may succeed later (not after a data error). */
        static Hop fail(String code, String reason, boolean retryable) {
            return new Hop(Kind.FAIL, null, null, code, reason, false, retryable);
        }
    }

    /**
     * @param allowed       routes that support the run and that the flags allow, first choice first
     * @param maintenance   routes in a maintenance window now → why (e.g. "portal:uhc maintenance until 23:59 America/Chicago")
     * @param humanFallback whether a person is the last resort (flag {@code human_fallback})
     */
    public static Hop next(List<String> allowed, Map<String, String> maintenance, boolean humanFallback, Context context) {
        if (context.lastClass() == FailureClass.DATA) {
            String why = "the payer refused the request as given (" + context.lastCode() + " from " + context.lastRoute() + ")";
            String said = context.lastMessage() == null ? "" : " — " + context.lastMessage();
            return humanFallback
                    ? Hop.human("review", context.lastCode(), why + ": a person reviews it instead of a blind retry" + said)
                    : Hop.fail(context.lastCode(), context.lastMessage() != null ? context.lastMessage() : why + "; human fallback is off", false);
        }
        List<String> skipped = new ArrayList<>();
        for (String route : allowed) {
            if (context.tried().contains(route)) {
                continue;
            }
            if (maintenance.containsKey(route)) {
                skipped.add(maintenance.get(route));
                continue;
            }
            boolean fallback = context.lastRoute() != null || !skipped.isEmpty();
            return Hop.channel(route, reason(route, context, skipped), fallback);
        }
        String why = allowed.isEmpty() ? "no channel may answer this payer and purpose"
                : context.lastRoute() == null && !skipped.isEmpty() ? String.join("; ", skipped)
                : "every channel was tried" + (context.lastRoute() == null ? ""
                        : ", the last (" + context.lastRoute() + ") ended " + context.lastClass().wire() + " " + context.lastCode())
                        + (skipped.isEmpty() ? "" : "; " + String.join("; ", skipped));
        if (humanFallback) {
            boolean credentials = context.lastClass() == FailureClass.CREDENTIALS;
            String said = context.lastMessage() == null ? "" : " — " + context.lastMessage();
            return Hop.human(credentials ? "credentials" : "review", context.lastCode(), why + ": a person takes it" + said);
        }
        return allowed.isEmpty() ? Hop.fail("route_unavailable", why + "; human fallback is off", false)
                : Hop.fail("no_channel_answered", why + "; human fallback is off", true);
    }

    private static String reason(String route, Context context, List<String> skipped) {
        StringBuilder why = new StringBuilder();
        if (context.lastRoute() == null) {
            why.append(route).append(skipped.isEmpty() ? " is the first choice" : " instead");
        } else {
            why.append(context.lastRoute()).append(" failed (").append(context.lastClass().wire()).append(' ')
                    .append(context.lastCode()).append("), trying ").append(route);
        }
        if (!skipped.isEmpty()) {
            why.append("; ").append(String.join("; ", skipped));
        }
        return why.toString();
    }
}
