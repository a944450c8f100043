package io.rcmos.server.security;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.platform.web.LiveCredentials;
import io.rcmos.server.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Console sessions after sign-in: automatic logoff after {@code rcm.security.idle-timeout} without activity by the
 * person (HIPAA §164.312(a)(2)(iii)) — event streams and requests marked {@code X-RCM-Background: 1} (auto-refresh)
 * are not activity —, the forced password change, and ending a person's sessions when an admin disables them, changes
 * their role or resets their password. Sessions live in PostgreSQL, so this holds across API replicas.
 */
@Component
class SessionControl implements LiveCredentials {

    static final String LAST_ACTIVITY = "rcm.last_activity";
    static final String BACKGROUND_HEADER = "X-RCM-Background";
    /** What a person who must change their password may still do. */
    private static final Set<String> WHILE_PASSWORD_MUST_CHANGE = Set.of("/auth/me", "/auth/password", "/auth/logout");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration idleTimeout;

    SessionControl(FindByIndexNameSessionRepository<? extends Session> sessions, AuditLog audit, TransactionTemplate tx,
                   JdbcClient jdbc, Clock clock, StaffSecurityProperties props) {
        this.sessions = sessions;
        this.audit = audit;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock;
        this.idleTimeout = props.idleTimeout();
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** Ends every session of {@code username}; returns how many there were. */
    int endSessions(String username) {
        Map<String, ? extends Session> found = sessions.findByPrincipalName(username);
        found.keySet().forEach(sessions::deleteById);
        return found.size();
    }

    /** Ends every session of {@code username} but the caller's own (after changing one's own password). */
    int endOtherSessions(String username, String keepSessionId) {
        Map<String, ? extends Session> found = sessions.findByPrincipalName(username);
        int ended = 0;
        for (String id : found.keySet()) {
            if (!id.equals(keepSessionId)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    /** Marks the start of a session's activity (at sign-in). */
    void touch(HttpSession session) {
        session.setAttribute(LAST_ACTIVITY, clock.millis());
    }

    @Override
    public BooleanSupplier of(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof TokenPrincipal token) {
            UUID id = token.tokenId();
            return () -> jdbc.sql("select count(*) from api_tokens where token_id = ? and revoked_at is null").param(id)
                    .query(Long.class).single() == 1;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return () -> true;
        }
        String id = session.getId();
        return () -> {
            Session s = sessions.findById(id);
            return s != null && !idle(s.getAttribute(LAST_ACTIVITY));
        };
    }

    private boolean idle(Object lastActivity) {
        return lastActivity instanceof Long last && clock.millis() - last > idleTimeout.toMillis();
    }

    /** The filter of the API chain, after authentication and before authorisation. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth == null || !(auth.getPrincipal() instanceof StaffPrincipal person)) {
                    chain.doFilter(request, response);
                    return;
                }
                HttpSession session = request.getSession(false);
                if (session != null && idle(session.getAttribute(LAST_ACTIVITY))) {
                    session.invalidate();
                    SecurityContextHolder.clearContext();
                    tx.executeWithoutResult(s -> audit.append(new Actor(person.username(), Actor.Type.USER), "auth.session.expired",
                            "user", person.username(), null, Map.of("idle_timeout_seconds", idleTimeout.toSeconds())));
                    write(response, HttpStatus.UNAUTHORIZED, "session_expired",
                            "signed out after " + idleTimeout.toMinutes() + " minutes without activity; sign in again");
                    return;
                }
                boolean background = "/events".equals(request.getRequestURI()) || "1".equals(request.getHeader(BACKGROUND_HEADER));
                if (session != null && !background) {
                    Object last = session.getAttribute(LAST_ACTIVITY);
                    long now = clock.millis();
                    // each write is a database round trip: at most every 10 s (or a tenth of a short timeout)
                    if (!(last instanceof Long l) || now - l > Math.min(10_000, idleTimeout.toMillis() / 10)) {
                        session.setAttribute(LAST_ACTIVITY, now);
                    }
                }
                if (person.mustChangePassword() && !WHILE_PASSWORD_MUST_CHANGE.contains(request.getRequestURI())) {
                    write(response, HttpStatus.FORBIDDEN, "password_change_required",
                            "your password was set by an administrator: choose your own at POST /auth/password first");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        JSON.writeValue(response.getOutputStream(), Problems.body(status, code, detail, List.of()));
    }
}
