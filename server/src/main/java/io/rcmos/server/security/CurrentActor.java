package io.rcmos.server.security;

import io.rcmos.server.audit.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The audit actor of the current request: a user, a token, or the system when nobody is authenticated. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Actor get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return Actor.system();
        }
        if (auth.getPrincipal() instanceof TokenPrincipal token) {
            return new Actor(token.getName(), Actor.Type.TOKEN);
        }
        return new Actor(auth.getName(), Actor.Type.USER);
    }
}
