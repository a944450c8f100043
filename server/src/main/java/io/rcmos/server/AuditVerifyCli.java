package io.rcmos.server;

import io.rcmos.server.artifacts.AuditCheckpointObjects;
import io.rcmos.server.artifacts.ArtifactsProperties;
import io.rcmos.server.audit.AuditKeys;
import io.rcmos.server.audit.AuditProperties;
import io.rcmos.server.audit.AuditVerification;
import io.rcmos.server.audit.CheckpointStore;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * {@code ./rcm audit verify}: the same verification as {@code GET /audit/verify} — chain, keyed epoch and signed
 * checkpoints — with plain JDBC, outside the server, configured exactly as the server is (application.yml and the
 * same environment variables). Connects to {@code DATABASE_URL} when set, else to the embedded PostgreSQL of
 * {@code RCM_HOME} (default {@code ./var}) whose port the running server writes to {@code RCM_HOME/run/postgres.port}.
 * Needs the deployment's audit keys ({@code RCM_AUDIT_KEY}, {@code RCM_AUDIT_SIGNING_KEY}, or their files under
 * {@code RCM_HOME/keys}) and its artifact store; it never creates a key. Prints the verdict as JSON; exits 0 when
 * intact, 1 when tampered with, 2 when it cannot verify.
 *
 * <p>It lives beside {@link RcmApplication} because it assembles two modules (the audit verification and the artifact
 * store that holds the checkpoints), as the application does.
 */
public final class AuditVerifyCli {

    private AuditVerifyCli() {
    }

    public static void main(String[] args) {
        StandardEnvironment env = new StandardEnvironment();
        Binder binder;
        try {
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(env.getPropertySources()::addLast);
            binder = Binder.get(env);
        } catch (IOException e) {
            fail("cannot read the configuration: " + e.getMessage());
            return;
        }
        Path home = Path.of(env.getProperty("rcm.home", "./var"));
        AuditProperties audit;
        AuditKeys keys;
        CheckpointStore store;
        try {
            audit = binder.bindOrCreate("rcm.audit", AuditProperties.class);
            keys = AuditKeys.existing(audit, home.resolve("keys"));
            store = AuditCheckpointObjects.open(binder.bindOrCreate("rcm.artifacts", ArtifactsProperties.class), home);
        } catch (RuntimeException e) {
            fail(e.getMessage());
            return;
        }

        String target;
        Properties credentials = new Properties();
        try {
            String url = System.getenv("DATABASE_URL");
            if (url != null && !url.isBlank()) {
                target = jdbcUrl(url, credentials);
            } else {
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
        AuditVerification.Result result;
        try (Connection c = DriverManager.getConnection(target, credentials)) {
            c.setReadOnly(true);
            result = AuditVerification.run(c, keys, store, audit);
        } catch (SQLException e) {
            fail("cannot read the audit log at " + redact(target) + ": " + e.getSQLState());
            return;
        } catch (AuditVerification.WrongKey | AuditVerification.StoreUnavailable e) {
            fail(e.getMessage());
            return;
        }
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        System.out.println(json.writeValueAsString(result));
        System.exit(result.ok() ? 0 : 1);
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
