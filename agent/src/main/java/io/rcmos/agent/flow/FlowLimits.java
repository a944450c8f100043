package io.rcmos.agent.flow;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caps of flow language v0.1. They keep a run from hanging: every wait is bounded, and the whole run has a
 * deadline that a breakpoint's deadline must fit inside.
 */
public final class FlowLimits {

    /** A step's timeout when it sets none. */
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(10);
    /** The largest {@code timeout} a step may set. */
    public static final Duration MAX_STEP_TIMEOUT = Duration.ofSeconds(60);
    /** The longest {@code wait for: duration}. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);
    /** The longest pause between {@code retry} attempts. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The longest a breakpoint may wait for a person. */
    public static final Duration MAX_BREAKPOINT_DEADLINE = Duration.ofMinutes(30);
    /** The longest whole-run deadline. */
    public static final Duration MAX_FLOW_DEADLINE = Duration.ofHours(1);
    /** The most attempts a {@code retry} may make. */
    public static final int MAX_RETRY_ATTEMPTS = 5;

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    private FlowLimits() {
    }

    /** Reads {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}; empty for anything else. */
    public static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        });
    }

    /** {@code 90s} → "90s", {@code PT5M} → "5m": durations as flows write them. */
    static String show(Duration d) {
        if (d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
