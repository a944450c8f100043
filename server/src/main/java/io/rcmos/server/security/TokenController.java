package io.rcmos.server.security;

import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.platform.web.ApiProblem;
import io.rcmos.server.platform.web.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** API tokens (admin only): issue (the secret is shown once), list without secrets, revoke. All audited. */
@RestController
class TokenController {

    private final ApiTokens tokens;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;

    TokenController(ApiTokens tokens, AuditLog audit, TransactionTemplate tx, JdbcClient jdbc) {
        this.tokens = tokens;
        this.audit = audit;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    record NewToken(String name, String role) {
    }

    record Issued(UUID tokenId, String token, String name, String role) {
    }

    record TokenInfo(UUID tokenId, String name, String role, String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    @PostMapping(path = "/auth/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Issued> issue(@RequestBody NewToken body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || body.name() == null || !body.name().matches("^[A-Za-z0-9 ._-]{1,80}$")) {
            problems.add(FieldProblem.of("name", "is required: 1–80 letters, digits, spaces, dots, dashes or underscores"));
        }
        Role role = body == null || body.role() == null ? null
                : Arrays.stream(Role.values()).filter(r -> r.wire().equals(body.role())).findFirst().orElse(null);
        if (role == null) {
            problems.add(FieldProblem.of("role", "must be one of admin, operator, reviewer, viewer"));
        }
        if (!problems.isEmpty()) {
            throw new TokenRequestInvalid(problems);
        }
        var actor = CurrentActor.get();
        ApiTokens.Issued issued = tx.execute(s -> {
            ApiTokens.Issued i = tokens.issue(body.name(), role, actor.name());
            audit.append(actor, "token.issued", "api_token", i.tokenId().toString(), null, Map.of("role", role.wire()));
            return i;
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(new Issued(issued.tokenId(), issued.token(), body.name(), role.wire()));
    }

    @GetMapping("/auth/tokens")
    List<TokenInfo> list() {
        return jdbc.sql("select token_id, name, role, created_by, created_at, last_used_at, revoked_at from api_tokens order by created_at desc")
                .query((rs, n) -> new TokenInfo(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
                .list();
    }

    @DeleteMapping("/auth/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@PathVariable("tokenId") String tokenId) {
        UUID id;
        try {
            id = UUID.fromString(tokenId);
        } catch (IllegalArgumentException e) {
            throw new TokenRequestInvalid(List.of(FieldProblem.of("token_id", "is not a UUID")));
        }
        var actor = CurrentActor.get();
        boolean revoked = Boolean.TRUE.equals(tx.execute(s -> {
            if (!tokens.revoke(id)) {
                return false;
            }
            audit.append(actor, "token.revoked", "api_token", id.toString(), null, Map.of());
            return true;
        }));
        if (!revoked) {
            throw new TokenNotFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    static final class TokenRequestInvalid extends ApiProblem {
        TokenRequestInvalid(List<FieldProblem> problems) {
            super(HttpStatus.BAD_REQUEST, "validation_failed", "token request is invalid", problems);
        }
    }

    static final class TokenNotFound extends ApiProblem {
        TokenNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "token_not_found", "no live token " + id);
        }
    }
}
