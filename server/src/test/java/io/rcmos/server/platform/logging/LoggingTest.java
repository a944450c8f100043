package io.rcmos.server.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingTest {

    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(String logger, Level level, String message, Throwable t) {
        Logger l = context.getLogger(logger);
        return new LoggingEvent(Logger.class.getName(), l, level, message, t, null);
    }

    @Test
    void theHumanConsoleIsTimeLevelMessageAndACauseInOneLine() {
        ConsoleEncoder encoder = new ConsoleEncoder();
        encoder.setContext(context);
        encoder.setFormat("text");
        encoder.setPattern("%-5level %msg%reason%n");
        context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY,
                new java.util.HashMap<>(java.util.Map.of("reason", OneLineReason.class.getName())));
        encoder.start();
        var failure = new IllegalStateException("wrapper", new java.sql.SQLException("Connection to 127.0.0.1:1 refused.",
                new ConnectException("Connection refused")));
        String line = new String(encoder.encode(event("io.rcmos.x", Level.ERROR, "start failed", failure)), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("ERROR start failed (SQLException: Connection to 127.0.0.1:1 refused. ← ConnectException: Connection refused)"
                + System.lineSeparator());
    }

    @Test
    void jsonOnTheConsoleWhenAsked() {
        assertThat(ConsoleEncoder.json("json")).isTrue();
        assertThat(ConsoleEncoder.json("ecs")).isTrue();
        assertThat(ConsoleEncoder.json("text")).isFalse();
        HumanConsoleFilter json = new HumanConsoleFilter();
        json.setFormat("JSON");
        assertThat(json.decide(event("com.zaxxer.hikari.HikariDataSource", Level.INFO, "rcm - Starting...", null)))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theHumanConsoleKeepsOwnInformationAndEveryWarning() {
        HumanConsoleFilter text = new HumanConsoleFilter();
        text.setFormat("text");
        assertThat(text.decide(event("io.rcmos.server.security.AdminBootstrap", Level.INFO, "first admin", null))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(text.decide(event("org.springframework.boot.tomcat.TomcatWebServer", Level.INFO, "Tomcat started on port 8080", null)))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(text.decide(event("com.zaxxer.hikari.HikariDataSource", Level.INFO, "rcm - Starting...", null))).isEqualTo(FilterReply.DENY);
        assertThat(text.decide(event("com.zaxxer.hikari.pool.PoolBase", Level.WARN, "Failed to validate", null))).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void aFailedStartNamesPostgresqlAndTheDriversMessage(@TempDir Path dir) throws Exception {
        var failure = new org.springframework.beans.factory.BeanCreationException("dataSource",
                new RuntimeException(new java.sql.SQLException("Connection to 127.0.0.1:15999 refused.", new ConnectException("Connection refused"))));
        Path file = dir.resolve("run/failure");
        System.setProperty(StartupFailure.PROPERTY, file.toString());
        try {
            new StartupFailure.Listener(null, new String[0]).failed(null, failure);
            assertThat(Files.readString(file)).isEqualTo(
                    "SQLException: Connection to 127.0.0.1:15999 refused. (ConnectException: Connection refused)\n");
            new StartupFailure.Reporter().report(new org.springframework.boot.diagnostics.FailureAnalysis(
                    "Web server failed to start.\nPort 8080 was already in use.", "Stop it", failure));
            assertThat(Files.readString(file)).isEqualTo("Web server failed to start. Port 8080 was already in use.\n");
        } finally {
            System.clearProperty(StartupFailure.PROPERTY);
        }
        assertThat(StartupFailure.innermost(new IllegalStateException("embedded PostgreSQL did not start", new java.io.IOException("gone"))))
                .isEqualTo("PostgreSQL failed: IllegalStateException: embedded PostgreSQL did not start (IOException: gone)");
    }
}
