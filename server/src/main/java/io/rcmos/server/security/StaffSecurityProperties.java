package io.rcmos.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Staff sign-in ({@code rcm.security}): the first admin's password, how long an idle console session lives (HIPAA
 * automatic logoff), and sign-in throttling — after {@code maxFailures} failures within {@code window} an account is
 * locked for {@code lockFor}; a client address with more than {@code ipFreeFailures} failures in the window waits
 * twice as long after each further failure, up to {@code ipMaxDelay}. {@code signInKey} keys the hash under which
 * typed usernames are counted (generated under RCM_HOME when blank).
 */
@ConfigurationProperties("rcm.security")
record StaffSecurityProperties(String adminPassword, Duration idleTimeout, String signInKey, SignIn signIn) {

    StaffSecurityProperties {
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        signIn = signIn == null ? new SignIn(0, null, null, 0, null) : signIn;
    }

    record SignIn(int maxFailures, Duration window, Duration lockFor, int ipFreeFailures, Duration ipMaxDelay) {
        SignIn {
            maxFailures = maxFailures <= 0 ? 5 : maxFailures;
            window = window == null ? Duration.ofMinutes(15) : window;
            lockFor = lockFor == null ? Duration.ofMinutes(15) : lockFor;
            ipFreeFailures = ipFreeFailures <= 0 ? 5 : ipFreeFailures;
            ipMaxDelay = ipMaxDelay == null ? Duration.ofMinutes(15) : ipMaxDelay;
        }
    }
}
