package io.rcmos.server.platform.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %reason}: an event's exception as one line — the innermost cause's class and the first line of its message,
 * after the exception it explains unless that is Spring's wrapping — instead of a stack trace (which stays in the JSON
 * log file). Empty when the event has no exception.
 */
public class OneLineReason extends ThrowableHandlingConverter {

    static final int MAX = 300;

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        if (t == null) {
            return "";
        }
        IThrowableProxy outer = null;
        while (t.getCause() != null && t.getCause() != t) {
            outer = t;
            t = t.getCause();
        }
        String line = describe(t);
        if (outer != null && !outer.getClassName().startsWith("org.springframework.") && outer.getMessage() != null) {
            line = describe(outer) + " ← " + line;
        }
        return " (" + line + ")";
    }

    private static String describe(IThrowableProxy t) {
        String name = t.getClassName();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl).strip() + " …";
        }
        if (message.length() > MAX) {
            message = message.substring(0, MAX) + "…";
        }
        return simple + (message.isEmpty() ? "" : ": " + message);
    }
}
