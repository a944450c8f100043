package io.rcmos.sim.stedi;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fault injection of the Stedi simulator, set by configuration: a latency range, and rates of HTTP 429 (in bursts
 * of {@code burst429} consecutive answers, each with {@code Retry-After: retryAfterSeconds} when that is above 0),
 * 5xx, hung calls (held for {@code hangMillis}, then answered 504 — set it above the client's timeout to make the
 * client give up first) and malformed bodies. All rates are probabilities in [0, 1].
 */
public record Faults(long latencyMinMillis, long latencyMaxMillis, double rate429, int burst429, double rate5xx,
                     double rateHang, long hangMillis, double rateMalformed, int retryAfterSeconds) {

    public static final Faults NONE = new Faults(0, 0, 0, 1, 0, 0, 0, 0);

    public Faults {
        if (latencyMinMillis < 0 || latencyMaxMillis < latencyMinMillis) {
            throw new IllegalArgumentException("latency must be 0 <= min <= max");
        }
        for (double rate : new double[]{rate429, rate5xx, rateHang, rateMalformed}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("fault rates are probabilities in [0, 1]");
            }
        }
        if (burst429 < 1) {
            throw new IllegalArgumentException("burst429 must be at least 1");
        }
        if (hangMillis < 0 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("hangMillis and retryAfterSeconds must not be negative");
        }
    }

    /** Without {@code Retry-After} on 429 answers. */
    public Faults(long latencyMinMillis, long latencyMaxMillis, double rate429, int burst429, double rate5xx,
                  double rateHang, long hangMillis, double rateMalformed) {
        this(latencyMinMillis, latencyMaxMillis, rate429, burst429, rate5xx, rateHang, hangMillis, rateMalformed, 0);
    }

    /** Every answer delayed by {@code min..max} ms, no other fault: a slow clearinghouse. */
    public static Faults latency(long minMillis, long maxMillis) {
        return new Faults(minMillis, maxMillis, 0, 1, 0, 0, 0, 0);
    }

    public long latency() {
        return latencyMaxMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(latencyMinMillis, latencyMaxMillis + 1);
    }

    public static boolean hit(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
