package io.rcmos.server.security;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;

/**
 * The principal of a console session: a person with a staff account. Kept in the session (PostgreSQL, shared by every
 * API replica); its name is the username, which never changes, so audit entries and QA compare the same person.
 */
public record StaffPrincipal(UUID userId, String username, String displayName, Role role, boolean mustChangePassword)
        implements Principal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
        return username;
    }

    StaffPrincipal withPasswordChanged() {
        return new StaffPrincipal(userId, username, displayName, role, false);
    }
}
