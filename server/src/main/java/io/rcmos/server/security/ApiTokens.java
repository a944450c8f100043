package io.rcmos.server.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Bearer API tokens: {@code rcm_} + 32 random bytes (base64url), shown once and stored as SHA-256 only.
 * A stolen database therefore yields no usable token.
 */
@Component
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A freshly issued token: the secret is returned only here. */
    public record Issued(UUID tokenId, String token) {
    }

    /** The identity behind a presented token. */
    public record TokenIdentity(UUID tokenId, String name, Role role, String issuedBy) {
    }

    public Issued issue(String name, Role role, String createdBy) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "rcm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into api_tokens (token_id, name, role, token_hash, created_by) values (?, ?, ?, ?, ?)")
                .params(id, name, role.wire(), hash(token), createdBy)
                .update();
        return new Issued(id, token);
    }

    /** True when a live token was revoked by this call. */
    public boolean revoke(UUID tokenId) {
        return jdbc.sql("update api_tokens set revoked_at = now() where token_id = ? and revoked_at is null")
                .param(tokenId).update() == 1;
    }

    public Optional<TokenIdentity> authenticate(String token) {
        if (token == null || !token.startsWith("rcm_") || token.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        update api_tokens set last_used_at = now()
                        where token_hash = ? and revoked_at is null
                        returning token_id, name, role, created_by""")
                .param(hash(token))
                .query((rs, n) -> new TokenIdentity(rs.getObject(1, UUID.class), rs.getString(2), Role.fromWire(rs.getString(3)), rs.getString(4)))
                .optional();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
