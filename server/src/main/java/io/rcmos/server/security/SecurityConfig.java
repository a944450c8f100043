package io.rcmos.server.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;

import java.util.List;

/**
 * The endpoint rules of api.md, in one place. Every request mapping must be covered by a rule here; the
 * endpoint × role test fails for any that is not.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String ADMIN = Role.ADMIN.name();
    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String REVIEWER = Role.REVIEWER.name();
    private static final String VIEWER = Role.VIEWER.name();

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
        var entryPoint = ProblemAuthHandlers.entryPoint();
        http
                .addFilterBefore(new BearerTokenFilter(tokens, entryPoint), AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(ProblemAuthHandlers.accessDenied()))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(auth -> auth
                        // public
                        .requestMatchers(HttpMethod.GET, "/healthz", "/version").permitAll()
                        .requestMatchers("/error").permitAll()
                        // runs
                        .requestMatchers(HttpMethod.POST, "/runs").hasAnyRole(ADMIN, OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/runs/*/mfa").hasAnyRole(ADMIN, OPERATOR, REVIEWER)
                        .requestMatchers(HttpMethod.GET, "/runs", "/runs/*").hasAnyRole(ADMIN, OPERATOR, REVIEWER, VIEWER)
                        // service information: any signed-in role
                        .requestMatchers(HttpMethod.GET, "/info", "/schemas", "/schemas/*", "/metrics", "/openapi.json",
                                "/openapi.json/**", "/swagger-ui.html", "/swagger-ui/**").hasAnyRole(ADMIN, OPERATOR, REVIEWER, VIEWER)
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService users(JdbcClient jdbc) {
        return username -> jdbc.sql("select username, password_hash, role, enabled from users where username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString(1))
                        .password(rs.getString(2))
                        .authorities(List.of(new SimpleGrantedAuthority(Role.fromWire(rs.getString(3)).authority())))
                        .disabled(!rs.getBoolean(4))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
