package io.rcmos.agent.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A bounded set of browser workers. Playwright is not thread-safe, so each worker is one thread owning one
 * {@link Playwright} and one {@link Browser}, created on first use and reused for every job it runs; everything a
 * job does with the browser happens on that thread. A job may be pinned to a worker (to go on with a page it left
 * open, e.g. after an MFA breakpoint); otherwise the worker with the fewest queued jobs takes it.
 */
public final class BrowserWorkers implements AutoCloseable {

    /** Work done on a worker's thread with its browser. */
    @FunctionalInterface
    public interface Job<T> extends Function<Browser, T> {
    }

    private final BrowserSettings settings;
    private final List<Worker> workers = new ArrayList<>();

    public BrowserWorkers(BrowserSettings settings) {
        this.settings = settings;
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(new Worker(i));
        }
    }

    public int size() {
        return workers.size();
    }

    /** Runs a job on the least busy worker; the future carries the worker index with the result. */
    public <T> CompletableFuture<Pinned<T>> submit(Job<T> job) {
        Worker least = workers.get(0);
        for (Worker w : workers) {
            if (w.queued.get() < least.queued.get()) {
                least = w;
            }
        }
        return submit(least.index, job);
    }

    /** Runs a job on worker {@code index} (where a page it needs lives). */
    public <T> CompletableFuture<Pinned<T>> submit(int index, Job<T> job) {
        Worker w = workers.get(index);
        w.queued.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Pinned<>(index, job.apply(w.browser()));
            } finally {
                w.queued.decrementAndGet();
            }
        }, w.thread);
    }

    /** A job's result and the worker it ran on. */
    public record Pinned<T>(int worker, T value) {
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.thread.submit(w::closeBrowser);
            w.thread.shutdown();
        }
    }

    private final class Worker {
        final int index;
        final ExecutorService thread;
        final AtomicInteger queued = new AtomicInteger();
        Playwright playwright;
        Browser browser;

        Worker(int index) {
            this.index = index;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "browser-" + index);
                t.setDaemon(true);
                return t;
            });
        }

        /** Only ever called on this worker's thread. */
        Browser browser() {
            if (browser == null || !browser.isConnected()) {
                closeBrowser();
                playwright = Playwright.create(new Playwright.CreateOptions().setEnv(driverEnv()));
                browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(settings.executable()).setHeadless(true).setArgs(settings.args()));
            }
            return browser;
        }

        void closeBrowser() {
            try {
                if (playwright != null) {
                    playwright.close();
                }
            } catch (RuntimeException ignored) {
                // the driver is gone already
            }
            playwright = null;
            browser = null;
        }
    }

    /** Never download a browser; run the driver with the system's node when the bundled one is not shipped. */
    static java.util.Map<String, String> driverEnv() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (System.getenv("PLAYWRIGHT_NODEJS_PATH") == null) {
            env.put("PLAYWRIGHT_NODEJS_PATH", java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/node"))
                    ? "/usr/bin/node" : "node");
        }
        return env;
    }
}
