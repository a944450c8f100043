package io.rcmos.server.portal;

import io.rcmos.server.platform.crypto.Aead;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Saved portal logins (Playwright storage state: cookies and local storage) per credential, sealed with AES-GCM in
 * {@code portal_sessions} and reused until they expire — a bot that logs in once per twenty minutes instead of once
 * per member is both faster and kinder to the portal. The one place that knows the table.
 */
final class PortalSessions {

    private final JdbcClient jdbc;
    private final Aead aead;
    private final Duration ttl;
    private final Clock clock;

    PortalSessions(JdbcClient jdbc, Aead aead, Duration ttl, Clock clock) {
        this.jdbc = jdbc;
        this.aead = aead;
        this.ttl = ttl;
        this.clock = clock;
    }

    Optional<String> load(String credential) {
        return jdbc.sql("select sealed from portal_sessions where credential = ? and expires_at > ?")
                .params(credential, java.sql.Timestamp.from(clock.instant()))
                .query((rs, n) -> rs.getBytes(1)).optional()
                .flatMap(sealed -> {
                    try {
                        return Optional.of(new String(aead.open(credential, sealed), StandardCharsets.UTF_8));
                    } catch (Aead.Tampered e) {
                        forget(credential);
                        return Optional.empty();
                    }
                });
    }

    void save(String credential, String storageState) {
        Instant expires = clock.instant().plus(ttl);
        jdbc.sql("""
                        insert into portal_sessions (credential, sealed, expires_at) values (?, ?, ?)
                        on conflict (credential) do update set sealed = excluded.sealed, expires_at = excluded.expires_at, saved_at = now()""")
                .params(credential, aead.seal(credential, storageState.getBytes(StandardCharsets.UTF_8)), java.sql.Timestamp.from(expires))
                .update();
    }

    void forget(String credential) {
        jdbc.sql("delete from portal_sessions where credential = ?").param(credential).update();
    }
}
