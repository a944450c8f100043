package io.rcmos.agent.evidence;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Tracing;
import com.microsoft.playwright.options.HarContentPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The recording of one run's browser context: a HAR with bodies embedded and a Playwright trace with DOM snapshots
 * but without screencast frames (pictures of pages cannot be masked by value). {@link #close()} stops both and
 * yields the raw bytes — raw because they hold everything the portal saw; callers scrub them before serving and keep
 * the raw ones only encrypted, for replay.
 */
public final class Capture implements AutoCloseable {

    /** What a finished capture holds, raw. */
    public record Raw(byte[] har, byte[] trace) {
    }

    private final Path dir;
    private final BrowserContext context;
    private Raw raw;

    private Capture(Path dir, BrowserContext context) {
        this.dir = dir;
        this.context = context;
    }

    /** A new context recording HAR and trace; {@code storageState} (JSON) restores a saved login, or null. */
    public static Capture start(Browser browser, String storageState) {
        Path dir;
        try {
            dir = Files.createTempDirectory("rcm-capture-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Browser.NewContextOptions options = new Browser.NewContextOptions()
                .setRecordHarPath(dir.resolve("run.har"))
                .setRecordHarContent(HarContentPolicy.EMBED)
                .setViewportSize(1280, 900)
                .setLocale("en-US")
                .setTimezoneId("America/New_York");
        if (storageState != null) {
            options.setStorageState(storageState);
        }
        BrowserContext context = browser.newContext(options);
        context.tracing().start(new Tracing.StartOptions().setSnapshots(true).setScreenshots(false).setSources(false));
        return new Capture(dir, context);
    }

    /**
     * A context that records nothing and answers every request from a HAR ({@code routeFromHAR}); a request the
     * recording does not hold is aborted, so a replay never reaches a live portal.
     */
    public static Capture replay(Browser browser, byte[] har) {
        Path dir;
        try {
            dir = Files.createTempDirectory("rcm-replay-");
            Files.write(dir.resolve("replay.har"), har);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setLocale("en-US").setTimezoneId("America/New_York"));
        context.routeFromHAR(dir.resolve("replay.har"), new BrowserContext.RouteFromHAROptions()
                .setNotFound(com.microsoft.playwright.options.HarNotFound.ABORT));
        return new Capture(dir, context);
    }

    /**
     * A context that answers every page load (document request: a navigation or a form post) with the next of the
     * given DOM snapshots, in order, and aborts every other request: replay from the snapshots a run saved after each
     * step that loaded a page. Nothing reaches a network.
     */
    public static Capture replayDom(Browser browser, java.util.List<String> documents) {
        Path dir;
        try {
            dir = Files.createTempDirectory("rcm-replay-");
            Files.writeString(dir.resolve("replay.har"), ""); // marks a replay context: nothing to trace
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setLocale("en-US").setTimezoneId("America/New_York"));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        context.route("**/*", route -> {
            int i = next.get();
            if (!"document".equals(route.request().resourceType()) || i >= documents.size()) {
                route.abort();
                return;
            }
            next.incrementAndGet();
            route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(200)
                    .setContentType("text/html; charset=utf-8").setBody(documents.get(i)));
        });
        return new Capture(dir, context);
    }

    public BrowserContext context() {
        return context;
    }

    /** The login this context holds now (cookies and storage), for reuse by a later run of the same credential. */
    public String storageState() {
        return context.storageState();
    }

    /** Stops recording and closes the context; idempotent. */
    public Raw finish() {
        if (raw == null) {
            try {
                if (Files.notExists(dir.resolve("replay.har"))) {
                    context.tracing().stop(new Tracing.StopOptions().setPath(dir.resolve("trace.zip")));
                }
            } catch (RuntimeException e) {
                // a crashed context still closes below; its trace is simply missing
            }
            context.close(); // writes the HAR
            raw = new Raw(read(dir.resolve("run.har")), read(dir.resolve("trace.zip")));
            delete(dir);
        }
        return raw;
    }

    @Override
    public void close() {
        finish();
    }

    private static byte[] read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless; its raw files are gone with the JVM's temp cleanup
        }
    }
}
