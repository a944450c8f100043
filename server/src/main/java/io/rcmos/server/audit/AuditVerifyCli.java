package io.rcmos.server.audit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * {@code ./rcm audit verify}: checks the audit chain with plain JDBC, outside Spring. Connects to
 * {@code DATABASE_URL} when set, else to the embedded PostgreSQL of {@code RCM_HOME} (default {@code ./var}) whose
 * port the running server writes to {@code RCM_HOME/run/postgres.port}. Prints JSON; exits 0 when intact, 1 when
 * broken, 2 when it cannot connect.
 */
public final class AuditVerifyCli {

    private AuditVerifyCli() {
    }

    public static void main(String[] args) {
        String target;
        Properties credentials = new Properties();
        try {
            String url = System.getenv("DATABASE_URL");
            if (url != null && !url.isBlank()) {
                target = jdbcUrl(url, credentials);
            } else {
                Path home = Path.of(System.getenv().getOrDefault("RCM_HOME", "./var"));
                Path portFile = home.resolve("run/postgres.port");
                if (!Files.exists(portFile)) {
                    fail("no DATABASE_URL and no embedded database found (" + portFile + " is missing: is `./rcm up` running with this RCM_HOME?)");
                    return;
                }
                target = "jdbc:postgresql://127.0.0.1:" + Files.readString(portFile).trim() + "/postgres";
                credentials.setProperty("user", "postgres");
            }
        } catch (IOException | IllegalArgumentException e) {
            fail("cannot determine the database: " + e.getMessage());
            return;
        }
        AuditVerifier verifier = new AuditVerifier();
        try (Connection c = DriverManager.getConnection(target, credentials)) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery(AuditRows.SELECT_IN_ORDER)) {
                    while (rs.next() && verifier.accept(AuditRows.entry(rs))) {
                        // keep reading until done or broken
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            fail("cannot read the audit log at " + redact(target) + ": " + e.getSQLState());
            return;
        }
        AuditVerifier.Result r = verifier.result();
        System.out.println(r.ok()
                ? "{\"ok\": true, \"entries_checked\": " + r.entriesChecked() + ", \"first_broken\": null}"
                : "{\"ok\": false, \"entries_checked\": " + r.entriesChecked() + ", \"first_broken\": {\"seq\": "
                + r.firstBroken().seq() + ", \"reason\": \"" + r.firstBroken().reason().replace("\"", "'") + "\"}}");
        System.exit(r.ok() ? 0 : 1);
    }

    private static String jdbcUrl(String url, Properties credentials) {
        if (url.startsWith("jdbc:")) {
            return url;
        }
        URI uri = URI.create(url);
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            credentials.setProperty("user", parts[0]);
            if (parts.length > 1) {
                credentials.setProperty("password", parts[1]);
            }
        }
        return "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath();
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    private static void fail(String message) {
        System.err.println("rcm audit verify: " + message);
        System.exit(2);
    }
}
