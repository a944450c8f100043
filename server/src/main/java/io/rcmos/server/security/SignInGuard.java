package io.rcmos.server.security;

import io.rcmos.server.platform.crypto.SharedKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in throttling, shared by every API replica through PostgreSQL. An account (a known user, or any other name as
 * typed — the two behave alike, so refusals tell nothing about who exists) is locked after too many failures; a
 * client address that keeps failing must wait longer after each failure. Callers run it inside a transaction.
 */
@Component
class SignInGuard {

    private final JdbcClient jdbc;
    private final StaffSecurityProperties.SignIn policy;
    private final Clock clock;
    private final byte[] key;

    SignInGuard(JdbcClient jdbc, StaffSecurityProperties props, SharedKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.policy = props.signIn();
        this.clock = clock;
        this.key = keys.load(SharedKeys.Key.SIGN_IN);
    }

    /** Why an attempt is refused before its password is even checked, and for how long. */
    record Refusal(String code, Duration retryAfter) {
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** The throttling key of a typed username: the account when such a user exists, else a keyed hash of the name. */
    String accountKey(String typed, UUID knownUser) {
        if (knownUser != null) {
            return "user:" + knownUser;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "name:" + HexFormat.of().formatHex(mac.doFinal(typed.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serialises attempts on one account until the caller's transaction ends. */
    void lock(String accountKey) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("sign-in:" + accountKey).query((rs, n) -> 1).single();
    }

    Duration lockFor() {
        return policy.lockFor();
    }

    Optional<Refusal> check(String accountKey, String clientIp) {
        Instant now = clock.instant();
        Optional<Instant> lockedUntil = jdbc.sql("select locked_until from sign_in_locks where account_key = ? and locked_until > ?")
                .params(accountKey, Timestamp.from(now)).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
        if (lockedUntil.isPresent()) {
            return Optional.of(new Refusal("account_locked", Duration.between(now, lockedUntil.get())));
        }
        var ip = jdbc.sql("select count(*), max(ts) from sign_in_attempts where client_ip = ? and not succeeded and ts > ?")
                .params(clientIp, Timestamp.from(now.minus(policy.window())))
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getTimestamp(2)}).single();
        long failures = (Long) ip[0];
        if (failures >= policy.ipFreeFailures()) {
            long doublings = Math.min(failures - policy.ipFreeFailures() + 1, 20);
            Duration delay = Duration.ofSeconds(1L << doublings);
            if (delay.compareTo(policy.ipMaxDelay()) > 0) {
                delay = policy.ipMaxDelay();
            }
            Instant allowedAt = ((Timestamp) ip[1]).toInstant().plus(delay);
            if (now.isBefore(allowedAt)) {
                return Optional.of(new Refusal("too_many_attempts", Duration.between(now, allowedAt)));
            }
        }
        return Optional.empty();
    }

    /**
     * Records a failed attempt; returns the lock's end when this failure locked the account. Failures count from the
     * last success or the end of the last lock, within the window.
     */
    Optional<Instant> failed(String accountKey, String clientIp) {
        Instant now = clock.instant();
        jdbc.sql("insert into sign_in_attempts (ts, account_key, client_ip, succeeded) values (?, ?, ?, false)")
                .params(Timestamp.from(now), accountKey, clientIp).update();
        long failures = jdbc.sql("""
                        select count(*) from sign_in_attempts a
                        where a.account_key = ? and not a.succeeded and a.ts > greatest(?,
                              coalesce((select max(s.ts) from sign_in_attempts s where s.account_key = a.account_key and s.succeeded), '-infinity'),
                              coalesce((select l.locked_until from sign_in_locks l where l.account_key = a.account_key), '-infinity'))""")
                .params(accountKey, Timestamp.from(now.minus(policy.window()))).query(Long.class).single();
        if (failures < policy.maxFailures()) {
            return Optional.empty();
        }
        Instant until = now.plus(policy.lockFor());
        jdbc.sql("""
                        insert into sign_in_locks (account_key, locked_at, locked_until) values (?, ?, ?)
                        on conflict (account_key) do update set locked_at = excluded.locked_at, locked_until = excluded.locked_until""")
                .params(accountKey, Timestamp.from(now), Timestamp.from(until)).update();
        return Optional.of(until);
    }

    void succeeded(String accountKey, String clientIp) {
        Instant now = clock.instant();
        jdbc.sql("insert into sign_in_attempts (ts, account_key, client_ip, succeeded) values (?, ?, ?, true)")
                .params(Timestamp.from(now), accountKey, clientIp).update();
        jdbc.sql("delete from sign_in_attempts where ts < ?").param(Timestamp.from(now.minus(Duration.ofDays(1)))).update();
        jdbc.sql("delete from sign_in_locks where locked_until < ?").param(Timestamp.from(now.minus(Duration.ofDays(1)))).update();
    }

    /** An admin's unlock (part of a password reset). */
    void unlock(String accountKey) {
        jdbc.sql("delete from sign_in_locks where account_key = ?").param(accountKey).update();
    }
}
