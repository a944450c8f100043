package io.rcmos.server.platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One named daemon thread doing a component's background passes, and its orderly stop. */
public final class BackgroundThread {

    private BackgroundThread() {
    }

    /** A single-thread scheduler on a daemon thread named {@code name}. */
    public static ScheduledExecutorService start(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops taking passes, waits up to ten seconds for the one running, then runs {@code last} on the caller's thread. */
    public static void stop(ScheduledExecutorService executor, Runnable last) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        last.run();
    }
}
