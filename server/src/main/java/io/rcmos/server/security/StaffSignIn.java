package io.rcmos.server.security;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a person's username and password under the throttling rules, for the console's {@code POST /auth/login} and
 * for HTTP Basic on the token endpoint alike. Attempts on one account are serialised (a transaction-scoped advisory
 * lock), so parallel guesses cannot slip past the lock. Every outcome is audited — never the password, and a name
 * that is no user is recorded as {@code anonymous} (it may be a password typed into the wrong field).
 */
@Component
class StaffSignIn {

    private static final Logger log = LoggerFactory.getLogger(StaffSignIn.class);

    private final StaffAccounts accounts;
    private final SignInGuard guard;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    /** Compared against when the user does not exist, so both cases cost the same time. */
    private final String decoyHash;

    StaffSignIn(StaffAccounts accounts, SignInGuard guard, PasswordEncoder encoder, AuditLog audit, TransactionTemplate tx) {
        this.accounts = accounts;
        this.guard = guard;
        this.encoder = encoder;
        this.audit = audit;
        this.tx = tx;
        this.decoyHash = encoder.encode("decoy-password-that-matches-nothing");
    }

    /** Refused before the password was looked at (locked account, slowed client), or by the failure that locked it. */
    static final class Refused extends RuntimeException {
        final SignInGuard.Refusal refusal;

        Refused(SignInGuard.Refusal refusal) {
            super(refusal.code(), null, false, false);
            this.refusal = refusal;
        }
    }

    /** Wrong name or password, or a disabled account (told apart only in the audit log). */
    static final class Failed extends RuntimeException {
        Failed() {
            super("bad credentials", null, false, false);
        }
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    StaffPrincipal signIn(String typedUsername, String password, String clientIp) {
        String username = normalize(typedUsername);
        Optional<StaffAccounts.Credentials> credentials = accounts.credentials(username);
        Actor actor = new Actor(credentials.isPresent() ? username : "anonymous", Actor.Type.USER);
        String target = credentials.isPresent() ? username : null;
        String key = guard.accountKey(username, credentials.map(c -> c.account().userId()).orElse(null));
        Outcome outcome = tx.execute(s -> {
            guard.lock(key);
            Optional<SignInGuard.Refusal> refusal = guard.check(key, clientIp);
            if (refusal.isPresent()) {
                audit.append(actor, "auth.login.refused", "user", target, null, details(clientIp, "reason", refusal.get().code()));
                return new Outcome(null, refusal.get(), false);
            }
            boolean matches = encoder.matches(password, credentials.map(StaffAccounts.Credentials::passwordHash).orElse(decoyHash));
            boolean enabled = credentials.map(c -> !c.account().disabled()).orElse(false);
            if (!matches || !enabled) {
                String reason = credentials.isEmpty() ? "unknown_user" : !matches ? "bad_password" : "disabled";
                audit.append(actor, "auth.login.failed", "user", target, null, details(clientIp, "reason", reason));
                Optional<Instant> locked = guard.failed(key, clientIp);
                if (locked.isPresent()) {
                    audit.append(actor, "auth.account.locked", "user", target, null, details(clientIp, "locked_until", locked.get().toString()));
                    return new Outcome(null, new SignInGuard.Refusal("account_locked", guard.lockFor()), true);
                }
                return new Outcome(null, null, false);
            }
            StaffAccounts.Credentials c = credentials.get();
            guard.succeeded(key, clientIp);
            accounts.signedIn(username);
            if (encoder.upgradeEncoding(c.passwordHash())) {
                accounts.setPassword(username, encoder.encode(password), c.account().mustChangePassword());
            }
            audit.append(actor, "auth.login", "user", username, null, details(clientIp));
            return new Outcome(c.account().principal(), null, false);
        });
        if (outcome.refusal() != null) {
            if (outcome.justLocked()) {
                log.warn("account locked after repeated sign-in failures");
            }
            throw new Refused(outcome.refusal());
        }
        if (outcome.principal() == null) {
            throw new Failed();
        }
        return outcome.principal();
    }

    private record Outcome(StaffPrincipal principal, SignInGuard.Refusal refusal, boolean justLocked) {
    }

    private static Map<String, Object> details(String clientIp, Object... pairs) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("client_ip", clientIp);
        for (int i = 0; i < pairs.length; i += 2) {
            d.put((String) pairs[i], pairs[i + 1]);
        }
        return d;
    }
}
