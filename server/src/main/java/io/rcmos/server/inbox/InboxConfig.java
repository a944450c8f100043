package io.rcmos.server.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.rcmos.server.advice.ErrorAdvice;
import io.rcmos.server.artifacts.Artifacts;
import io.rcmos.server.audit.AuditLog;
import io.rcmos.server.events.Events;
import io.rcmos.server.platform.crypto.Aead;
import io.rcmos.server.platform.crypto.SharedKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The inbox, its answer key (generated under RCM_HOME when not configured) and the SLA sweep. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboxProperties.class)
class InboxConfig {

    @Bean
    Inbox inbox(JdbcClient jdbc, TransactionTemplate tx, Events events, AuditLog audit, ObjectProvider<Artifacts> artifacts,
                InboxProperties props, SharedKeys keys, JsonMapper json, Clock clock, MeterRegistry meters, ErrorAdvice advice) {
        Aead aead = new Aead(keys.load(SharedKeys.Key.INBOX_ANSWERS));
        return new Inbox(jdbc, tx, events, audit, artifacts.getIfAvailable(), props, aead, json, clock, meters, advice);
    }

    @Bean
    SlaSweep slaSweep(Inbox inbox) {
        return new SlaSweep(inbox);
    }

    /** Checks due tasks every {@code rcm.inbox.sweep-interval}. */
    static final class SlaSweep {
        private final Inbox inbox;

        SlaSweep(Inbox inbox) {
            this.inbox = inbox;
        }

        @Scheduled(fixedDelayString = "${rcm.inbox.sweep-interval:15s}", initialDelayString = "${rcm.inbox.sweep-interval:15s}")
        void sweep() {
            inbox.sweep();
        }
    }
}
