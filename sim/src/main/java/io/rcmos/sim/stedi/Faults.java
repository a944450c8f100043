package io.rcmos.sim.stedi;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Fault injection of the Stedi simulator, set by configuration: a latency range, and rates of HTTP 429 (in bursts
 * of {@code burst429} consecutive answers), 5xx, hung calls (answered after {@code hangMillis}, past any sane
 * client timeout) and malformed bodies. All rates are probabilities in [0, 1].
 */
public record Faults(long latencyMinMillis, long latencyMaxMillis, double rate429, int burst429, double rate5xx,
                     double rateHang, long hangMillis, double rateMalformed) {

    public static final Faults NONE = new Faults(0, 0, 0, 1, 0, 0, 0, 0);

    public Faults {
        if (latencyMaxMillis < latencyMinMillis) {
            throw new IllegalArgumentException("latency max must be >= min");
        }
        for (double rate : new double[]{rate429, rate5xx, rateHang, rateMalformed}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("fault rates are probabilities in [0, 1]");
            }
        }
        if (burst429 < 1) {
            throw new IllegalArgumentException("burst429 must be at least 1");
        }
    }

    public long latency() {
        return latencyMaxMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(latencyMinMillis, latencyMaxMillis + 1);
    }

    public static boolean hit(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
