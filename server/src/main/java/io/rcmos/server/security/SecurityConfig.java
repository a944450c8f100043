package io.rcmos.server.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Map;
import java.util.Set;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

/**
 * The endpoint rules of api.md, in one place. Every request mapping must be covered by a rule here; the
 * endpoint × role test fails for any that is not (anything unlisted is denied).
 *
 * <p>Console sessions are CSRF-protected with a cookie token the SPA echoes in {@code X-XSRF-TOKEN}; requests that
 * carry an {@code Authorization} header (bearer tokens, Basic on the token endpoint) are not cookie-authenticated
 * and need no CSRF token. HTTP Basic works only on {@code POST /auth/tokens}, for scripts without a browser.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaffSecurityProperties.class)
class SecurityConfig {

    private static final String ADMIN = Role.ADMIN.name();
    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String REVIEWER = Role.REVIEWER.name();
    private static final String VIEWER = Role.VIEWER.name();


    /**
     * CSRF matters only where a browser's cookie could carry the authority: unsafe methods of requests that present
     * a session and no Authorization header. Anonymous calls then get their honest 401 instead of a CSRF 403.
     */
    private static final RequestMatcher NEEDS_CSRF = request -> !Set.of("GET", "HEAD", "OPTIONS", "TRACE").contains(request.getMethod())
            && request.getRequestedSessionId() != null && request.getHeader("Authorization") == null;

    /** The one endpoint that also takes HTTP Basic: issuing a token from a script. */
    @Bean
    @Order(1)
    SecurityFilterChain tokenIssuing(HttpSecurity http, ApiTokens tokens, CsrfTokenRepository csrf, SessionControl sessions,
                                     AuthenticationManager staff) throws Exception {
        var entryPoint = ProblemAuthHandlers.entryPoint();
        http.securityMatcher(withDefaults().matcher(HttpMethod.POST, "/auth/tokens"))
                .authenticationManager(staff)
                .addFilterBefore(new BearerTokenFilter(tokens, entryPoint), AnonymousAuthenticationFilter.class)
                .addFilterBefore(sessions.filter(), AuthorizationFilter.class)
                .csrf(c -> c.csrfTokenRepository(csrf).csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(NEEDS_CSRF))
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(ProblemAuthHandlers.accessDenied()))
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(ADMIN));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, CsrfTokenRepository csrf, SessionControl sessions) throws Exception {
        var entryPoint = ProblemAuthHandlers.entryPoint();
        http
                .addFilterBefore(new BearerTokenFilter(tokens, entryPoint), AnonymousAuthenticationFilter.class)
                .addFilterBefore(sessions.filter(), AuthorizationFilter.class)
                .csrf(c -> c.csrfTokenRepository(csrf).csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(NEEDS_CSRF)
                        .ignoringRequestMatchers(withDefaults().matcher(HttpMethod.POST, "/auth/login"))
                        .ignoringRequestMatchers(withDefaults().matcher(HttpMethod.POST, "/webhooks/**")))
                // sessions are made by POST /auth/login alone; Spring Security's own session management would save every
                // token-authenticated request's context into a new session
                .sessionManagement(s -> s.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(ProblemAuthHandlers.accessDenied()))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                // evidence (a DOM snapshot) is shown in a frame of the console: same origin only
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                .authorizeHttpRequests(auth -> auth
                        // public: probes (liveness, readiness, health), version, login, signed artifact downloads (the signature authorises),
                        // clearinghouse webhooks (authenticated by their own secret)
                        .requestMatchers(HttpMethod.GET, "/healthz", "/livez", "/readyz", "/version", "/artifacts/*/download").permitAll()
                        // the console's static files (pages themselves are answered before security: ConsolePages)
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/favicon.svg").permitAll()
                        .requestMatchers(HttpMethod.POST, "/auth/login", "/webhooks/stedi").permitAll()
                        .requestMatchers("/error").permitAll()
                        // session and tokens
                        .requestMatchers(HttpMethod.GET, "/auth/me").authenticated()
                        .requestMatchers(HttpMethod.POST, "/auth/logout", "/auth/password").authenticated()
                        // staff accounts
                        .requestMatchers(HttpMethod.GET, "/users", "/users/*").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/users", "/users/*/password-reset").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.PATCH, "/users/*").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/auth/tokens").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.DELETE, "/auth/tokens/*").hasRole(ADMIN)
                        // runs
                        .requestMatchers(HttpMethod.POST, "/runs", "/runs/*/rerun").hasAnyRole(ADMIN, OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/runs/*/mfa").hasAnyRole(ADMIN, OPERATOR, REVIEWER)
                        .requestMatchers(HttpMethod.GET, "/runs/*/artifacts").hasAnyRole(ADMIN, OPERATOR, REVIEWER)
                        .requestMatchers(HttpMethod.GET, "/artifacts/*/raw").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/artifacts/*").hasAnyRole(ADMIN, OPERATOR, REVIEWER)
                        .requestMatchers(HttpMethod.GET, "/runs", "/runs/*").hasAnyRole(ADMIN, OPERATOR, REVIEWER, VIEWER)
                        // events carry ids and codes, never PHI
                        .requestMatchers(HttpMethod.GET, "/events").hasAnyRole(ADMIN, OPERATOR, REVIEWER, VIEWER)
                        // audit
                        .requestMatchers(HttpMethod.GET, "/audit", "/audit/verify", "/audit/checkpoints").hasRole(ADMIN)
                        // the public key that checks signed audit checkpoints: published on purpose
                        .requestMatchers(HttpMethod.GET, "/audit/checkpoints/key").permitAll()
                        // service information: any signed-in role
                        .requestMatchers(HttpMethod.GET, "/payers", "/payers/*", "/flags", "/flags/*/*").hasAnyRole(ADMIN, OPERATOR, REVIEWER, VIEWER)
                        .requestMatchers(HttpMethod.GET, "/errors/advice").hasAnyRole(ADMIN, OPERATOR, REVIEWER, VIEWER)
                        .requestMatchers(HttpMethod.PUT, "/flags/*/*").hasRole(ADMIN)
                        // the human loop: operators and reviewers work tasks (the task's audience decides which);
                        // QA second looks are for reviewers
                        .requestMatchers(HttpMethod.GET, "/inbox", "/inbox/*").hasAnyRole(ADMIN, OPERATOR, REVIEWER)
                        .requestMatchers(HttpMethod.POST, "/inbox/*/claim", "/inbox/*/release", "/inbox/*/resolve").hasAnyRole(ADMIN, OPERATOR, REVIEWER)
                        .requestMatchers(HttpMethod.GET, "/qa/reviews").hasAnyRole(ADMIN, REVIEWER)
                        .requestMatchers(HttpMethod.POST, "/qa/reviews/*").hasAnyRole(ADMIN, REVIEWER)
                        .requestMatchers(HttpMethod.GET, "/metrics/summary").hasAnyRole(ADMIN, OPERATOR, REVIEWER, VIEWER)
                        // batches: operators upload and cancel; results carry PHI (not for viewers); error reports name
                        // rows and columns, never values
                        .requestMatchers(HttpMethod.POST, "/batches", "/batches/preview", "/batches/*/cancel", "/batches/*/rerun-failed").hasAnyRole(ADMIN, OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/batches/*/results").hasAnyRole(ADMIN, OPERATOR, REVIEWER)
                        .requestMatchers(HttpMethod.GET, "/batches", "/batches/*", "/batches/*/errors").hasAnyRole(ADMIN, OPERATOR, REVIEWER, VIEWER)
                        .requestMatchers(HttpMethod.GET, "/info", "/schemas", "/schemas/*", "/metrics", "/openapi.json",
                                "/openapi.json/**", "/openapi.json.yaml", "/swagger-ui.html", "/swagger-ui/**").hasAnyRole(ADMIN, OPERATOR, REVIEWER, VIEWER)
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        return CookieCsrfTokenRepository.withHttpOnlyFalse();
    }

    /**
     * Argon2id for every new hash; hashes of older releases (BCrypt, unprefixed) still verify and are re-hashed with
     * Argon2id at the person's next sign-in.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
        encoder.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder());
        return encoder;
    }

    @Bean
    PasswordPolicy passwordPolicy() {
        return PasswordPolicy.load();
    }

    @Bean
    AuthenticationManager authenticationManager(StaffSignIn signIn) {
        return new ProviderManager(new StaffAuthenticationProvider(signIn));
    }
}
