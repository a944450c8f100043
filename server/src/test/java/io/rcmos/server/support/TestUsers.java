package io.rcmos.server.support;

/** Credentials the integration tests bootstrap with. */
public final class TestUsers {

    public static final String ADMIN_PASSWORD = "it-admin-password-1";

    private TestUsers() {
    }
}
