package io.rcmos.agent.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How browsers are launched: Debian's Chromium (never a downloaded one), headless, and no name resolution except
 * for the hosts the portals live on ({@code allowedHosts}; 127.0.0.1 always), so a flow cannot wander off to the
 * internet. {@code workers} bounds how many browsers run at once (one thread and one Playwright each).
 */
public record BrowserSettings(Path executable, int workers, List<String> allowedHosts) {

    public static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    public BrowserSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** Debian's Chromium (or {@code RCM_CHROMIUM}), {@code workers} browsers, local portals only. */
    public static BrowserSettings local(int workers) {
        String override = System.getenv("RCM_CHROMIUM");
        return new BrowserSettings(override == null || override.isBlank() ? DEBIAN_CHROMIUM : Path.of(override), workers, List.of());
    }

    public boolean available() {
        return Files.isExecutable(executable);
    }

    List<String> args() {
        List<String> args = new ArrayList<>(List.of("--disable-gpu", "--disable-quic", "--disable-dev-shm-usage"));
        StringBuilder exclude = new StringBuilder("MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        for (String host : allowedHosts) {
            exclude.append(" , EXCLUDE ").append(host);
        }
        args.add("--host-resolver-rules=" + exclude);
        return args;
    }
}
