package io.rcmos.server.security;

import java.util.Locale;

/** The roles of api.md. As Spring authorities they are {@code ROLE_ADMIN}, {@code ROLE_OPERATOR}, … */
public enum Role {
    ADMIN, OPERATOR, REVIEWER, VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static Role fromWire(String value) {
        return Role.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
