package io.rcmos.server.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code DATABASE_URL} selects an external PostgreSQL ({@code jdbc:postgresql://…} or {@code postgres://user:pass@host/db});
 * blank starts embedded PostgreSQL with its data under {@code RCM_HOME/pg}.
 */
@ConfigurationProperties("rcm.database")
public record DatabaseProperties(String url, String username, String password, int poolSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
