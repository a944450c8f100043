package io.rcmos.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/** Authenticates {@code Authorization: Bearer rcm_…}; a presented but unknown or revoked token is a 401. */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final RequestAttributeSecurityContextRepository STATELESS = new RequestAttributeSecurityContextRepository();

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        var identity = tokens.authenticate(header.substring(7).trim());
        if (identity.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("invalid or revoked token"));
            return;
        }
        var id = identity.get();
        var auth = new UsernamePasswordAuthenticationToken(new TokenPrincipal(id.tokenId(), id.name(), id.role(), id.issuedBy()), null,
                List.of(new SimpleGrantedAuthority(id.role().authority())));
        SecurityContextHolder.getContext().setAuthentication(auth);
        // for this request only: a token never gets (or touches) a console session
        STATELESS.saveContext(SecurityContextHolder.getContext(), request, response);
        chain.doFilter(request, response);
    }
}
