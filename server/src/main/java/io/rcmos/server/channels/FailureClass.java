package io.rcmos.server.channels;

import java.util.Locale;

/**
 * What kind of failure a channel attempt ended in, which decides the next hop: a transient failure (outage, timeouts,
 * AAA 42) or an enrollment/config error goes to the next channel; a credentials failure too, and to a
 * {@code credentials} task when no channel is left; a data error goes to a person ({@code review}), never to a blind
 * retry elsewhere.
 */
public enum FailureClass {
    TRANSIENT, ENROLLMENT, CREDENTIALS, DATA;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
