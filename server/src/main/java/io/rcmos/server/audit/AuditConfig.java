package io.rcmos.server.audit;

import io.rcmos.server.platform.crypto.SharedKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit keys: configured, or generated once under {@code RCM_HOME/keys} by a lone process (a split deployment must
 * configure them, or share that directory's files: {@link io.rcmos.server.platform.crypto.SharedKeys}).
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    AuditKeys auditKeys(SharedKeys keys) {
        return AuditKeys.loadOrCreate(keys);
    }
}
