package io.rcmos.server.security;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import io.rcmos.server.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Console sessions: {@code POST /auth/login} (JSON credentials → session cookie + CSRF token, under the sign-in
 * throttling rules), {@code POST /auth/logout}, {@code GET /auth/me}, {@code POST /auth/password} (a person changes
 * their own password). Every sign-in, failure, lock, refusal, sign-out and password change is audited; passwords are
 * never logged, audited or stored in clear.
 */
@RestController
class AuthController {

    private final StaffSignIn signIn;
    private final StaffAccounts accounts;
    private final SignInGuard guard;
    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;
    private final SessionControl sessions;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final CsrfTokenRepository csrf;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    AuthController(StaffSignIn signIn, StaffAccounts accounts, SignInGuard guard, PasswordPolicy policy, PasswordEncoder encoder,
                   SessionControl sessions, CsrfTokenRepository csrf, AuditLog audit, TransactionTemplate tx) {
        this.signIn = signIn;
        this.accounts = accounts;
        this.guard = guard;
        this.policy = policy;
        this.encoder = encoder;
        this.sessions = sessions;
        this.csrf = csrf;
        this.audit = audit;
        this.tx = tx;
    }

    record Login(String username, String password) {
    }

    @PostMapping(path = "/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> login(@RequestBody Login body, HttpServletRequest request, HttpServletResponse response) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || body.username() == null || body.username().isBlank() || body.username().length() > 100) {
            problems.add(FieldProblem.of("username", "is required (at most 100 characters)"));
        }
        if (body == null || body.password() == null || body.password().isEmpty() || body.password().length() > 1000) {
            problems.add(FieldProblem.of("password", "is required (at most 1000 characters)"));
        }
        if (!problems.isEmpty()) {
            throw new RequestInvalid("login request is invalid", problems);
        }
        StaffPrincipal person;
        try {
            person = signIn.signIn(body.username(), body.password(), request.getRemoteAddr());
        } catch (StaffSignIn.Refused e) {
            return refused(e.refusal);
        } catch (StaffSignIn.Failed e) {
            throw new BadCredentials();
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true); // a fresh session id: no fixation
        sessions.touch(session);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication(person));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        CsrfToken token = csrf.generateToken(request);
        csrf.saveToken(token, request, response);
        Map<String, Object> out = new LinkedHashMap<>(person(person));
        out.put("csrf_token", token.getToken());
        out.put("csrf_header", token.getHeaderName());
        return ResponseEntity.ok(out);
    }

    static Authentication authentication(StaffPrincipal person) {
        return UsernamePasswordAuthenticationToken.authenticated(person, null, List.of(new SimpleGrantedAuthority(person.role().authority())));
    }

    /** 429 with {@code Retry-After}: a locked account or a client that must slow down. */
    static ResponseEntity<Map<String, Object>> refused(SignInGuard.Refusal refusal) {
        long seconds = refusal.retryAfterSeconds();
        String detail = "account_locked".equals(refusal.code())
                ? "too many failed sign-ins: this account is locked; try again in " + minutes(seconds)
                : "too many failed sign-ins from this address; try again in " + minutes(seconds);
        Map<String, Object> body = new LinkedHashMap<>(Problems.body(HttpStatus.TOO_MANY_REQUESTS, refusal.code(), detail, List.of()));
        body.put("retry_after_seconds", seconds);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(Problems.PROBLEM_JSON).body(body);
    }

    private static String minutes(long seconds) {
        return seconds < 90 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }

    @PostMapping("/auth/logout")
    ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
        Actor actor = CurrentActor.get();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        csrf.saveToken(null, request, response);
        tx.executeWithoutResult(s -> audit.append(actor, "auth.logout", "user", actor.name(), null, Map.of()));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/auth/me")
    Map<String, Object> me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth.getPrincipal() instanceof TokenPrincipal token) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("kind", "token");
            out.put("token_id", token.tokenId());
            out.put("name", token.tokenName());
            out.put("role", token.role().wire());
            return out;
        }
        return person((StaffPrincipal) auth.getPrincipal());
    }

    private Map<String, Object> person(StaffPrincipal p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "user");
        out.put("user_id", p.userId());
        out.put("username", p.username());
        out.put("display_name", p.displayName());
        out.put("role", p.role().wire());
        out.put("must_change_password", p.mustChangePassword());
        out.put("idle_timeout_seconds", sessions.idleTimeout().toSeconds());
        return out;
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    /**
     * A person sets their own password: the current one proves it is them (a wrong one counts as a failed sign-in),
     * the new one must pass the policy. Their other sessions end; this one goes on.
     */
    @PostMapping(path = "/auth/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> changePassword(@RequestBody PasswordChange body, HttpServletRequest request, HttpServletResponse response) {
        if (!(SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof StaffPrincipal person)) {
            throw new NotAPerson();
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || body.currentPassword() == null || body.currentPassword().isEmpty()) {
            problems.add(FieldProblem.of("current_password", "is required"));
        }
        String newPassword = body == null ? null : body.newPassword();
        policy.problem(newPassword, person.username()).ifPresent(p -> problems.add(FieldProblem.of("new_password", p)));
        if (!problems.isEmpty()) {
            throw new RequestInvalid("password change is invalid", problems);
        }
        String ip = request.getRemoteAddr();
        StaffAccounts.Credentials credentials = accounts.credentials(person.username()).orElseThrow(NotAPerson::new);
        String key = guard.accountKey(person.username(), person.userId());
        Actor actor = new Actor(person.username(), Actor.Type.USER);
        // Argon2 runs before the transaction; the throttling state is read and written under the account's lock
        boolean currentMatches = encoder.matches(body.currentPassword(), credentials.passwordHash());
        boolean sameAsCurrent = currentMatches && encoder.matches(newPassword, credentials.passwordHash());
        String newHash = currentMatches && !sameAsCurrent ? encoder.encode(newPassword) : null;
        Object outcome = tx.execute(s -> {
            guard.lock(key);
            var refusal = guard.check(key, ip);
            if (refusal.isPresent()) {
                audit.append(actor, "auth.password.refused", "user", person.username(), null, Map.of("reason", refusal.get().code()));
                return refusal.get();
            }
            if (!currentMatches) {
                audit.append(actor, "auth.password.failed", "user", person.username(), null, Map.of("reason", "bad_current_password"));
                return guard.failed(key, ip).<Object>map(until -> new SignInGuard.Refusal("account_locked", guard.lockFor()))
                        .orElse(FieldProblem.of("current_password", "is not correct"));
            }
            if (sameAsCurrent) {
                return FieldProblem.of("new_password", "must differ from the current password");
            }
            accounts.setPassword(person.username(), newHash, false);
            audit.append(actor, "auth.password.changed", "user", person.username(), null, Map.of());
            return null;
        });
        if (outcome instanceof SignInGuard.Refusal refusal) {
            return refused(refusal);
        }
        if (outcome instanceof FieldProblem problem) {
            throw new RequestInvalid("password change is invalid", List.of(problem));
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            sessions.endOtherSessions(person.username(), session.getId());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication(person.withPasswordChanged()));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
        } else {
            sessions.endSessions(person.username());
        }
        return ResponseEntity.noContent().build();
    }

    static final class BadCredentials extends ApiProblem {
        BadCredentials() {
            super(HttpStatus.UNAUTHORIZED, "bad_credentials", "unknown user or wrong password");
        }
    }


    static final class NotAPerson extends ApiProblem {
        NotAPerson() {
            super(HttpStatus.CONFLICT, "not_a_person", "only a person signed in to the console has a password to change");
        }
    }
}
