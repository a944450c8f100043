package io.rcmos.sim.portal;

/**
 * How the fake portals behave, changeable at run time ({@code POST /portal/_config}) so tests can switch faults on:
 * {@code captchaEvery} (0 off, 1 every login, N every Nth), {@code mfa} ({@code totp}: codes from an authenticator
 * app with {@code totpSecret}; {@code sent}: a code "sent" out of band, for a person), {@code sessionIdleSeconds},
 * {@code latencyMillis} per page, {@code errorEvery} (every Nth page is a 500 error page; 0 off), {@code layout}
 * ({@code a}, or {@code b}: fields moved, other ids and classes, same labels).
 */
public record PortalSettings(String username, String password, String totpSecret, String mfa, int captchaEvery,
                             int sessionIdleSeconds, long latencyMillis, int errorEvery, String layout) {

    public static final String DEFAULT_USER = "rcm-bot";
    public static final String DEFAULT_PASSWORD = "sim-portal-pass";
    public static final String DEFAULT_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

    public static PortalSettings defaults() {
        return new PortalSettings(DEFAULT_USER, DEFAULT_PASSWORD, DEFAULT_TOTP_SECRET, "totp", 0, 900, 0, 0, "a");
    }

    public PortalSettings {
        if (!"totp".equals(mfa) && !"sent".equals(mfa)) {
            throw new IllegalArgumentException("mfa must be totp or sent");
        }
        if (!"a".equals(layout) && !"b".equals(layout)) {
            throw new IllegalArgumentException("layout must be a or b");
        }
        if (captchaEvery < 0 || errorEvery < 0 || sessionIdleSeconds < 1 || latencyMillis < 0) {
            throw new IllegalArgumentException("counts and times must not be negative");
        }
    }

    boolean layoutB() {
        return "b".equals(layout);
    }
}
