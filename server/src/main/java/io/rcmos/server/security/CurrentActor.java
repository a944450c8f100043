package io.rcmos.server.security;

import io.rcmos.server.audit.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
            // a token acts for the person who issued it (a token issued by another token answers for that token)
            return new Actor(token.getName(), Actor.Type.TOKEN, token.issuedBy());
        }
        return new Actor(auth.getName(), Actor.Type.USER);
    }

    /** The caller's roles, lower case, without Spring's {@code ROLE_} prefix (empty when nobody is signed in). */
    public static Set<String> roles() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Set.of();
        }
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5).toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
