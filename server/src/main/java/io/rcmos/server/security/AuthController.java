package io.rcmos.server.security;

import io.rcmos.server.audit.Actor;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
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
 * Console sessions: {@code POST /auth/login} (JSON credentials → session cookie + CSRF token),
 * {@code POST /auth/logout}, {@code GET /auth/me}. Every login, failed login and logout is audited; passwords
 * are never logged or stored in clear.
 */
@RestController
class AuthController {

    private final AuthenticationManager authentication;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final CsrfTokenRepository csrf;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    AuthController(AuthenticationManager authentication, CsrfTokenRepository csrf, AuditLog audit, TransactionTemplate tx) {
        this.authentication = authentication;
        this.csrf = csrf;
        this.audit = audit;
        this.tx = tx;
    }

    record Login(String username, String password) {
    }

    @PostMapping(path = "/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> login(@RequestBody Login body, HttpServletRequest request, HttpServletResponse response) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || body.username() == null || body.username().isBlank() || body.username().length() > 100) {
            problems.add(FieldProblem.of("username", "is required (at most 100 characters)"));
        }
        if (body == null || body.password() == null || body.password().isEmpty() || body.password().length() > 200) {
            problems.add(FieldProblem.of("password", "is required (at most 200 characters)"));
        }
        if (!problems.isEmpty()) {
            throw new LoginInvalid(problems);
        }
        Authentication auth;
        try {
            auth = authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(body.username(), body.password()));
        } catch (AuthenticationException e) {
            tx.executeWithoutResult(s -> audit.append(new Actor(body.username(), Actor.Type.USER), "auth.login.failed",
                    "user", body.username(), null, Map.of()));
            throw new BadCredentials();
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true); // a fresh session id: no fixation
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        CsrfToken token = csrf.generateToken(request);
        csrf.saveToken(token, request, response);
        tx.executeWithoutResult(s -> audit.append(new Actor(auth.getName(), Actor.Type.USER), "auth.login", "user", auth.getName(), null, Map.of()));
        Map<String, Object> out = new LinkedHashMap<>(me(auth));
        out.put("csrf_token", token.getToken());
        out.put("csrf_header", token.getHeaderName());
        return out;
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
        return me(SecurityContextHolder.getContext().getAuthentication());
    }

    private static Map<String, Object> me(Authentication auth) {
        Map<String, Object> out = new LinkedHashMap<>();
        String role = auth.getAuthorities().stream().map(a -> a.getAuthority().replace("ROLE_", "").toLowerCase(java.util.Locale.ROOT))
                .findFirst().orElse(null);
        if (auth.getPrincipal() instanceof TokenPrincipal token) {
            out.put("kind", "token");
            out.put("token_id", token.tokenId());
            out.put("name", token.tokenName());
        } else {
            out.put("kind", "user");
            out.put("username", auth.getName());
        }
        out.put("role", role);
        return out;
    }

    static final class BadCredentials extends ApiProblem {
        BadCredentials() {
            super(HttpStatus.UNAUTHORIZED, "bad_credentials", "unknown user or wrong password");
        }
    }

    static final class LoginInvalid extends ApiProblem {
        LoginInvalid(List<FieldProblem> problems) {
            super(HttpStatus.BAD_REQUEST, "validation_failed", "login request is invalid", problems);
        }
    }
}
