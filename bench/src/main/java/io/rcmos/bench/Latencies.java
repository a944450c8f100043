package io.rcmos.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of recorded latencies (milliseconds) and a one-line report. */
final class Latencies {

    private final long[] values;
    private int count;

    Latencies(int capacity) {
        values = new long[capacity];
    }

    synchronized void add(long millis) {
        values[count++] = millis;
    }

    synchronized String report(String name, int n, double seconds) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%s: n=%d completed=%d in %.2f s -> %.1f/s; latency ms p50=%d p95=%d p99=%d max=%d",
                name, n, count, seconds, count / seconds, pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
