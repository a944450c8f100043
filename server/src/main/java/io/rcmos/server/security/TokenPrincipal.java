package io.rcmos.server.security;

import java.util.UUID;

/**
 * The principal of a request authenticated by an API token. Its name is {@code token:<token_id>}; {@code issuedBy} is
 * the person who issued it, accountable for what it does.
 */
public record TokenPrincipal(UUID tokenId, String tokenName, Role role, String issuedBy) implements java.security.Principal {
    @Override
    public String getName() {
        return "token:" + tokenId;
    }
}
