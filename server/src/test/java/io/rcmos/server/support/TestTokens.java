package io.rcmos.server.support;

import io.rcmos.server.security.ApiTokens;
import io.rcmos.server.security.Role;

import java.util.EnumMap;
import java.util.Map;

/** One bearer token per role, issued once per application context. */
public final class TestTokens {

    private final Map<Role, String> tokens = new EnumMap<>(Role.class);

    public TestTokens(ApiTokens apiTokens) {
        for (Role role : Role.values()) {
            tokens.put(role, apiTokens.issue("it-" + role.wire(), role, "it-" + role.wire()).token());
        }
    }

    public String of(Role role) {
        return tokens.get(role);
    }

    public String bearer(Role role) {
        return "Bearer " + of(role);
    }
}
