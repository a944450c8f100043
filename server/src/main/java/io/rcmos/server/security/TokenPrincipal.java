package io.rcmos.server.security;

import java.util.UUID;

/** The principal of a request authenticated by an API token. Its name is {@code token:<token_id>}. */
public record TokenPrincipal(UUID tokenId, String tokenName, Role role) implements java.security.Principal {
    @Override
    public String getName() {
        return "token:" + tokenId;
    }
}
