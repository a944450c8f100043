package io.rcmos.server.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic (only on the token endpoint) through the same sign-in rules as the console: throttled, audited,
 * Argon2-checked. A throttled attempt fails with {@link Throttled}, which the entry point answers with 429.
 */
class StaffAuthenticationProvider implements AuthenticationProvider {

    private final StaffSignIn signIn;

    StaffAuthenticationProvider(StaffSignIn signIn) {
        this.signIn = signIn;
    }

    static final class Throttled extends AuthenticationException {
        final transient SignInGuard.Refusal refusal;

        Throttled(SignInGuard.Refusal refusal) {
            super(refusal.code());
            this.refusal = refusal;
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String ip = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        try {
            return AuthController.authentication(signIn.signIn(authentication.getName(), password, ip));
        } catch (StaffSignIn.Refused e) {
            throw new Throttled(e.refusal);
        } catch (StaffSignIn.Failed e) {
            throw new BadCredentialsException("bad credentials");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
