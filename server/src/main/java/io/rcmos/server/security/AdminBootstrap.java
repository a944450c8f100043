package io.rcmos.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * When no user exists, creates {@code admin} with {@code RCM_ADMIN_PASSWORD}, or with a generated password that is
 * printed once to the console (never to the structured log) and written nowhere else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final String configuredPassword;
    private final PasswordPolicy policy;

    AdminBootstrap(JdbcClient jdbc, PasswordEncoder encoder, PasswordPolicy policy,
                   @Value("${rcm.security.admin-password:}") String configuredPassword) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.policy = policy;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? generate() : configuredPassword;
        int created = jdbc.sql("""
                        insert into users (username, display_name, password_hash, role, password_changed_at)
                        select 'admin', 'Administrator', ?, 'admin', now() where not exists (select 1 from users)""")
                .param(encoder.encode(password)).update();
        if (created == 1) {
            log.info("first admin user 'admin' created");
            policy.problem(password, "admin").ifPresent(problem ->
                    log.warn("RCM_ADMIN_PASSWORD is weak (it {}): sign in and change it, or set a stronger one before the first start", problem));
            if (generated) {
                System.out.println("\n  RCM OS first admin: user 'admin', password " + password
                        + "\n  (shown once; set RCM_ADMIN_PASSWORD to choose it)\n");
            }
        }
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
