package io.rcmos.server.routing;

import java.util.Locale;

/**
 * What kind of failure a channel attempt ended in, which decides the next hop: a transient failure (outage, timeouts,
 * AAA 42) or an enrollment/config error goes to the next channel; a credentials failure too, and to a
 * {@code credentials} task when no channel is left; a data error goes to a person ({@code review}), never to a blind
 * retry elsewhere.
 */
public enum FailureClass {
    TRANSIENT, ENROLLMENT, CREDENTIALS, DATA;

    /** The class of a "cannot answer now" outcome by its stable code. */
    public static FailureClass ofUnavailable(String code) {
        String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
        if (c.equals("enrollment_required") || c.startsWith("enrollment_")) {
            return ENROLLMENT;
        }
        if (c.equals("clearinghouse_auth") || c.contains("credential") || c.contains("login_failed")) {
            return CREDENTIALS;
        }
        return TRANSIENT;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
