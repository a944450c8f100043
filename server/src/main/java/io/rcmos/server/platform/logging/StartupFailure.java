package io.rcmos.server.platform.logging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Why a start failed, in one line, for the launcher: {@code ./rcm up} passes {@code -Drcm.failure-file=RCM_HOME/run/failure}
 * and prints that line when the server exits before it is ready. The run listener writes the innermost cause of the
 * failure; Spring Boot's failure analysis (port in use, a missing key…), reported afterwards, replaces it with its
 * description. Nothing is written without the property (tests, containers).
 */
public final class StartupFailure {

    static final String PROPERTY = "rcm.failure-file";

    private StartupFailure() {
    }

    static void write(String line) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        String oneLine = line.replaceAll("\\s+", " ").strip();
        if (oneLine.length() > 400) {
            oneLine = oneLine.substring(0, 400) + "…";
        }
        try {
            Path target = Path.of(file);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, oneLine + "\n");
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException ignored) {
            // the launcher then says the server exited without a reason; the logs still have it
        }
    }

    /**
     * The innermost cause, after the one that wraps it when that is not Spring's own wrapping (a driver's message
     * names the host and port its socket error does not), prefixed with the service when it is PostgreSQL.
     */
    static String innermost(Throwable failure) {
        Throwable t = failure;
        Throwable outer = null;
        boolean postgres = false;
        while (true) {
            String name = t.getClass().getName();
            postgres |= name.startsWith("org.postgresql.") || name.startsWith("io.zonky.")
                    || String.valueOf(t.getMessage()).contains("PostgreSQL");
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
            outer = t;
            t = t.getCause();
        }
        String line = describe(t);
        if (outer != null && !outer.getClass().getName().startsWith("org.springframework.") && outer.getMessage() != null
                && !outer.getMessage().equals(t.toString())) {
            line = describe(outer) + " (" + line + ")";
        }
        return (postgres ? "PostgreSQL failed: " : "") + line;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        return t.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
    }

    /** Writes the innermost cause of a failed start. */
    public static final class Listener implements SpringApplicationRunListener {

        public Listener(SpringApplication application, String[] args) {
        }

        @Override
        public void failed(ConfigurableApplicationContext context, Throwable exception) {
            write(innermost(exception));
        }

        @Override
        public void ready(ConfigurableApplicationContext context, Duration timeTaken) {
        }
    }

    /** Replaces it with Spring Boot's analysis of the failure, when there is one. */
    public static final class Reporter implements FailureAnalysisReporter {

        @Override
        public void report(FailureAnalysis analysis) {
            write(analysis.getDescription());
        }
    }
}
