package io.rcmos.server.audit;

import io.rcmos.server.platform.RcmHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit keys: configured, or generated once under {@code RCM_HOME/keys} (then every process must share that directory's files). */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    AuditKeys auditKeys(AuditProperties props, RcmHome home) {
        return AuditKeys.loadOrCreate(props, home.dir("keys"));
    }
}
