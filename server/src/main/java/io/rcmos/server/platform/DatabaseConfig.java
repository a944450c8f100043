package io.rcmos.server.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/** The one DataSource: external PostgreSQL when configured, otherwise embedded PostgreSQL under RCM_HOME. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    /** Holder so the embedded server (if any) is stopped after the pool is closed. */
    record EmbeddedDatabase(EmbeddedPostgres server) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (server != null) {
                server.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseProperties props, RcmHome home) {
        if (!props.embedded()) {
            return new EmbeddedDatabase(null);
        }
        Path dataDir = home.dir("pg");
        // a postmaster left running by an instance that was killed (kill -9) would make this start fail
        if (LeftoverPostgres.stopIfOrphaned(dataDir) == LeftoverPostgres.Outcome.IN_USE) {
            throw new IllegalStateException("embedded PostgreSQL in " + dataDir + " is in use by another running instance;"
                    + " give each instance its own RCM_HOME");
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                    .start();
            home.writeRunFile("postgres.port", Integer.toString(pg.getPort()));
            log.info("embedded PostgreSQL started on 127.0.0.1:{}", pg.getPort());
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (is another instance using "
                    + dataDir + "? give each instance its own RCM_HOME)", e);
        }
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties props, EmbeddedDatabase embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("rcm");
        config.setMaximumPoolSize(Math.max(2, props.poolSize()));
        if (embedded.server() != null) {
            config.setJdbcUrl(embedded.server().getJdbcUrl("postgres", "postgres"));
        } else {
            JdbcTarget target = JdbcTarget.parse(props.url());
            config.setJdbcUrl(target.jdbcUrl());
            config.setUsername(firstNonBlank(props.username(), target.username()));
            config.setPassword(firstNonBlank(props.password(), target.password()));
        }
        return new HikariDataSource(config);
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    /** A DATABASE_URL in JDBC form or in the libpq/Heroku URI form, split into JDBC URL and credentials. */
    record JdbcTarget(String jdbcUrl, String username, String password) {
        static JdbcTarget parse(String url) {
            if (url.startsWith("jdbc:")) {
                return new JdbcTarget(url, null, null);
            }
            if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
                URI uri = URI.create(url);
                String user = null;
                String pass = null;
                if (uri.getUserInfo() != null) {
                    String[] parts = uri.getUserInfo().split(":", 2);
                    user = parts[0];
                    pass = parts.length > 1 ? parts[1] : null;
                }
                int port = uri.getPort() < 0 ? 5432 : uri.getPort();
                String query = uri.getQuery() == null ? "" : "?" + uri.getQuery();
                return new JdbcTarget("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query, user, pass);
            }
            throw new IllegalArgumentException("DATABASE_URL must start with jdbc:postgresql://, postgres:// or postgresql://");
        }
    }
}
